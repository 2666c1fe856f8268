namespace Multiconnect.Persistence;

/// <summary>A receipt from the upstream for an outbound message: sent, delivered, read or failed, at a Unix-millisecond time.</summary>
public sealed record StatusUpdate(string MessageId, string Recipient, string Status, long TimestampMs);
