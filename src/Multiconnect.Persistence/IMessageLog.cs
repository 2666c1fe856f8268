namespace Multiconnect.Persistence;

/// <summary>The outbound message log of one shard: appends fenced by the shard's epoch, pending rows in accepted order.</summary>
public interface IMessageLog
{
    /// <summary>
    /// Commits the messages in one transaction, in the given order, if <paramref name="epoch"/> still
    /// holds the shard's lease; ids already in the log are left as they are (a retried append).
    /// Returns the messages newly written, in accepted order, or null when the lease is no longer held.
    /// </summary>
    Task<IReadOnlyList<PendingMessage>?> AppendAsync(int shardId, long epoch, IReadOnlyList<PendingMessage> messages, CancellationToken cancellationToken);

    /// <summary>The shard's messages not yet acknowledged by the upstream, in accepted order.</summary>
    Task<IReadOnlyList<PendingMessage>> PendingAsync(int shardId, CancellationToken cancellationToken);

    Task MarkSentAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken);
}
