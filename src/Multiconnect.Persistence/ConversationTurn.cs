namespace Multiconnect.Persistence;

/// <summary>
/// What one turn of a conversation did: the rows POSTed with success, in order, then the failure it
/// stopped at, if any. Rows after it wait for the retry.
/// </summary>
public sealed record ConversationTurn(string Conversation, IReadOnlyList<long> Delivered, DeliveryFailure? Failure);
