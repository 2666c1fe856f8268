using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;

namespace Multiconnect.Persistence;

/// <summary>The shard map in force (the table shard_maps): its count, generation and business account.</summary>
public interface IShardMapStore
{
    /// <summary>The map in force; one shard at generation 0 when none was stored yet.</summary>
    Task<ShardMapView> ReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the count and the account; a count other than the one in force starts a new generation.
    /// Waits for the appends in flight (they hold the row), so none of an older generation commits after it.
    /// </summary>
    Task<ShardMapView> ChangeAsync(ShardCount shards, BusinessAccount account, CancellationToken cancellationToken);
}
