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
    /// Throws <see cref="ShardOverloadedException"/> when the backlog is at its bound, and
    /// <see cref="ShardMovedException"/> when the shard does not own the recipient in the current generation.
    /// </summary>
    [AlwaysInterleave]
    Task AppendAsync(MessageToSend message);

    /// <summary>
    /// The master's keep-alive: activates the shard if need be and gives it the shard map in force.
    /// Null when the shard does not act (its id is beyond the count and it has nothing left to deliver).
    /// </summary>
    Task<ShardActivation?> KeepAsync(ShardMapView map);

    /// <summary>Tells the upstream that the inbound message <paramref name="inboundId"/> was read.</summary>
    Task MarkReadAsync(string inboundId);

    /// <summary>Stops the shard so that it starts again on another silo: gives up its lease and deactivates; the next activation delivers what it left.</summary>
    Task RetireAsync();
}
