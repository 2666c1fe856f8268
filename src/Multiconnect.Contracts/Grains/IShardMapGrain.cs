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

    /// <summary>The current map. Interleaves: a read never waits for a change in progress.</summary>
    [AlwaysInterleave]
    Task<ShardMapView> GetAsync();

    /// <summary>
    /// Records the business account and changes the count: a new count is a new generation, stored
    /// before this returns; the shards hear of it then, and the handover runs on without the caller.
    /// Throws <see cref="ShardMapUnavailableException"/> when it could not be stored (nothing changed).
    /// </summary>
    Task<ShardMapView> SetShardCountAsync(ShardCount shards, BusinessAccount account);

    /// <summary>Gives every shard the map (activating it if need be), keeps shards beyond the count alive until they have delivered all they accepted, and evens out placement.</summary>
    Task EnsureShardsAsync();

    /// <summary>Where shard <paramref name="shardId"/> should be activated, among <paramref name="candidates"/>.
    /// Called by the placement director; interleaves with <see cref="EnsureShardsAsync"/>, which causes placements.</summary>
    [AlwaysInterleave]
    Task<SiloAddress> PlaceAsync(int shardId, SiloAddress[] candidates);

    /// <summary>The silo this master is active on.</summary>
    [AlwaysInterleave]
    Task<SiloAddress> GetLocationAsync();
}
