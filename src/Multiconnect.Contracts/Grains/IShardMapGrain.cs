using Multiconnect.Contracts.Routing;
using Orleans.Concurrency;

namespace Multiconnect.Contracts.Grains;

/// <summary>
/// The master: the cluster's shard map. It holds the persisted shard count, decides which CoreApp
/// silo each shard lives on, and keeps every shard active. One per cluster, under <see cref="Key"/>.
/// </summary>
public interface IShardMapGrain : IGrainWithIntegerKey
{
    const long Key = 0;

    /// <summary>The current map. Interleaves: shards ask for it while they activate, which the master may be waiting for.</summary>
    [AlwaysInterleave]
    Task<ShardMapView> GetAsync();

    /// <summary>Records the business account and changes the count; new shards start and removed ones stop before this returns.</summary>
    Task<ShardMapView> SetShardCountAsync(ShardCount shards, BusinessAccount account);

    /// <summary>Activates every shard that is not active, retires those beyond the count, and evens out placement.</summary>
    Task EnsureShardsAsync();

    /// <summary>Where shard <paramref name="shardId"/> should be activated, among <paramref name="candidates"/>.
    /// Called by the placement director; interleaves with <see cref="EnsureShardsAsync"/>, which causes placements.</summary>
    [AlwaysInterleave]
    Task<SiloAddress> PlaceAsync(int shardId, SiloAddress[] candidates);

    /// <summary>The silo this master is active on.</summary>
    [AlwaysInterleave]
    Task<SiloAddress> GetLocationAsync();
}
