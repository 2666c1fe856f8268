using Multiconnect.Contracts.Routing;

namespace Multiconnect.Contracts.Grains;

/// <summary>
/// The shard map as callers see it. <see cref="Generation"/> grows by one per change of count or of
/// business number; <see cref="Account"/> is null until a number is registered (POST /v1/account).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ShardMapView(
    [property: Id(0)] ShardCount Shards,
    [property: Id(1)] long Generation,
    [property: Id(2)] DateTimeOffset? ChangedAt,
    [property: Id(3)] BusinessAccount? Account)
{
    /// <summary>
    /// The generation from which <see cref="Account"/>'s number is the cluster's: a message accepted under
    /// an earlier generation was accepted for another number and is never sent for this one.
    /// </summary>
    [Id(4)]
    public long NumberSince { get; init; }

    /// <summary>Whether shard <paramref name="shardId"/> owns the recipients of <paramref name="bucket"/> in this generation.</summary>
    public bool Owns(int shardId, int bucket) => ShardRouter.ShardFor(bucket, Shards) == shardId;

    /// <summary>The buckets whose recipients shard <paramref name="shardId"/> owns in this generation (none beyond the count).</summary>
    public IReadOnlyList<int> BucketsOf(int shardId) =>
        [.. Enumerable.Range(0, ShardCount.Max.Value).Where(bucket => Owns(shardId, bucket))];
}
