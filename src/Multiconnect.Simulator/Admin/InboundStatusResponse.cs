namespace Multiconnect.Simulator.Admin;

/// <summary>An inbound message the number delivered, and whether the business has marked it read.</summary>
public sealed record InboundStatusResponse(string Number, string Id, bool Read);
