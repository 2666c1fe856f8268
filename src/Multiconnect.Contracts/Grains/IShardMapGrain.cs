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
    /// Before anything is stored, the WhatsApp servers check the account with its certificate and, when
    /// two-step verification is on, <paramref name="pin"/>: refused, <see cref="AccountRefusedException"/>.
    /// Throws <see cref="ShardMapUnavailableException"/> when it could not be checked or stored (nothing changed).
    /// </summary>
    Task<ShardMapView> SetShardCountAsync(ShardCount shards, BusinessAccount account, string? pin);

    /// <summary>
    /// Turns the account's two-step verification on with <paramref name="pin"/>, or off when it is null,
    /// with the WhatsApp servers, using the stored account's certificate. <see cref="AccountRefusedException"/>
    /// when there is no account yet or the servers refuse; <see cref="ShardMapUnavailableException"/> when
    /// they cannot be reached.
    /// </summary>
    Task SetTwoStepAsync(string? pin);

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
