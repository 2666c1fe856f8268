using Orleans.Concurrency;

namespace Multiconnect.Contracts.Grains;

/// <summary>One shard of the business number's traffic, keyed by shard id (0 … shards − 1).</summary>
public interface IShardGrain : IGrainWithIntegerKey
{
    /// <summary>Where this shard is active, under which epoch, since when. Activates it if need be.</summary>
    Task<ShardActivation> DescribeAsync();

    /// <summary>This activation's counters; answered from memory, it costs no query.</summary>
    [AlwaysInterleave]
    Task<ShardStats> GetStatsAsync();

    /// <summary>
    /// Appends a message to the shard's log and returns once it is committed (durable). Concurrent
    /// appends are written together in one round-trip. Idempotent by id.
    /// Throws <see cref="ShardOverloadedException"/> when the backlog is at its bound.
    /// </summary>
    [AlwaysInterleave]
    Task AppendAsync(MessageToSend message);

    /// <summary>Tells the upstream that the inbound message <paramref name="inboundId"/> was read.</summary>
    Task MarkReadAsync(string inboundId);

    /// <summary>Stops the shard: gives up its lease and deactivates (the count shrank, or it moves to another silo).</summary>
    Task RetireAsync();
}
