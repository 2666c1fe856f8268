namespace Multiconnect.Persistence;

/// <summary>
/// A status of an outbound message: sent, delivered or read (a receipt from the upstream), or failed
/// (refused upstream), at a Unix-millisecond time. A failed one carries its error for the webhook's
/// <c>errors</c> array; sent and delivered ones the conversation they are counted in, when the servers tell it.
/// </summary>
public sealed record StatusUpdate(string MessageId, string Recipient, string Status, long TimestampMs, StatusError? Error = null, StatusConversation? Conversation = null);
