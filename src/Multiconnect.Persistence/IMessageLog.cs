namespace Multiconnect.Persistence;

/// <summary>
/// The outbound message log of the shards: appends fenced by the shard's epoch and by the generation of
/// the shard map, pending rows in accepted order, and what a handover needs to know about them.
/// </summary>
public interface IMessageLog
{
    /// <summary>
    /// Commits the messages in one transaction, in the given order, if <paramref name="epoch"/> still
    /// holds the shard's lease and <paramref name="generation"/> is the shard map's current one; ids
    /// already in the log are left as they are (a retried append). The messages carry their bucket; the
    /// written ones come back with the generation and shard count they were accepted under. Throws
    /// <c>MessageRefusedException</c>, writing none of them, when the database refuses one of them for what it holds.
    /// </summary>
    Task<AppendResult> AppendAsync(int shardId, long epoch, long generation, IReadOnlyList<PendingMessage> messages, CancellationToken cancellationToken);

    /// <summary>The shard's messages not yet acknowledged by the upstream, in accepted order.</summary>
    Task<IReadOnlyList<PendingMessage>> PendingAsync(int shardId, CancellationToken cancellationToken);

    Task MarkSentAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken);

    /// <summary>The upstream refused the message for what it holds: it leaves the queue, marked refused with <paramref name="refusal"/>, never sent.</summary>
    Task MarkRefusedAsync(string id, string refusal, CancellationToken cancellationToken);

    /// <summary>
    /// Of <paramref name="buckets"/>, those for which a shard other than <paramref name="shardId"/> still
    /// holds an unsent message accepted under a generation older than <paramref name="generation"/>, each
    /// with the oldest such generation: this shard's messages for them accepted under a newer one must
    /// wait. A row of unknown bucket (from before buckets) counts for every one of them.
    /// </summary>
    Task<IReadOnlyDictionary<int, long>> BlockedBucketsAsync(int shardId, long generation, IReadOnlyCollection<int> buckets, CancellationToken cancellationToken);

    /// <summary>The shard ids from <paramref name="fromShardId"/> on that hold unsent messages.</summary>
    Task<IReadOnlyList<int>> ShardsWithPendingAsync(int fromShardId, CancellationToken cancellationToken);
}
