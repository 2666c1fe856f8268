namespace Multiconnect.Simulator.Admin;

/// <summary>
/// For audits: the distinct message ids a recipient received from a number, in delivery order, and the
/// type and body of the latest of them (at most <c>RecipientLog.KeptContents</c>, oldest first).
/// </summary>
public sealed record DeliveredResponse(string Number, string Recipient, IReadOnlyList<string> Ids, long HighestSequence, IReadOnlyList<DeliveredMessage> Messages);
