namespace Multiconnect.Simulator.Admin;

/// <summary>For audits: the distinct message ids a recipient received from a number, in delivery order.</summary>
public sealed record DeliveredResponse(string Number, string Recipient, IReadOnlyList<string> Ids, long HighestSequence);
