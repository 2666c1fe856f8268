namespace Multiconnect.Simulator.Admin;

/// <summary>The new inbound message, and the shard it is routed to under the number's current shard count (null before any session).</summary>
public sealed record InjectInboundResponse(string Id, string Number, string From, int? Shard);
