namespace Multiconnect.Persistence;

/// <summary>
/// An accepted message as the log holds it until the upstream acknowledges it. <see cref="Bucket"/> is
/// its recipient's bucket (-1: unknown, a row from before buckets); <see cref="Generation"/> and
/// <see cref="Shards"/> the shard map it was accepted under (0 until it is written, or unknown);
/// <see cref="Type"/> the original's message type, <see cref="Body"/> being the text of a <c>text</c>
/// and the JSON of the type's object for any other; <see cref="ExpiresAt"/> when it may no longer be sent
/// (its ttl from acceptance; null: never).
/// </summary>
public sealed record PendingMessage(
    string Id, string Recipient, string Body, int Bucket, long Generation = 0, int Shards = 0, string Type = "text", DateTimeOffset? ExpiresAt = null);
