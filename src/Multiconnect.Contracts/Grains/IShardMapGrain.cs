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
    /// Changes the count for the registered number <paramref name="cc"/> <paramref name="phoneNumber"/>
    /// (another number: <see cref="AccountRefusedException"/>, <see cref="AccountRefusal.NotRegistered"/>;
    /// without WhatsApp servers to ask, the first number given is taken as registered): a new count is a
    /// new generation, stored before this returns; the shards hear of it then, and the handover runs on
    /// without the caller. Before anything is stored, the servers check the account with
    /// <paramref name="cert"/> (null: none given, accepted only within 7 days of registration, and the
    /// stored certificate is kept) and, when two-step verification is on, <paramref name="pin"/>: refused,
    /// <see cref="AccountRefusedException"/>. Throws <see cref="ShardMapUnavailableException"/> when it
    /// could not be checked or stored (nothing changed).
    /// </summary>
    Task<ShardMapView> SetShardCountAsync(ShardCount shards, string cc, string phoneNumber, string? cert, string? pin);

    /// <summary>
    /// Registers <paramref name="account"/>'s number (POST /v1/account). The number registered already:
    /// its certificate is checked and stored, and the answer says so. Otherwise the WhatsApp servers check
    /// the account and send the number a code by <paramref name="method"/> (sms or voice), which
    /// <see cref="VerifyAsync"/> takes; until then nothing changes here. Refusals and unavailability as
    /// for <see cref="SetShardCountAsync"/>.
    /// </summary>
    Task<Registration> RegisterAsync(BusinessAccount account, string method, string? pin);

    /// <summary>
    /// Gives the servers the code the number received (POST /v1/account/verify); accepted, the number is
    /// the cluster's from a new generation on: the sessions of a number registered before close, and
    /// what was accepted for it and not sent becomes <c>failed</c>, never sent for the new one.
    /// </summary>
    Task<ShardMapView> VerifyAsync(string code);

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
