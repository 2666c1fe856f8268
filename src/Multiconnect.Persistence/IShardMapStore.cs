using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;

namespace Multiconnect.Persistence;

/// <summary>The shard map in force (the table shard_maps): its count, generation and business account. The master's.</summary>
public interface IShardMapStore : IShardMapSource
{
    /// <summary>
    /// Stores the count and the account; a count other than the one in force starts a new generation.
    /// Waits for the appends in flight (they hold the row), so none of an older generation commits after it.
    /// </summary>
    Task<ShardMapView> ChangeAsync(ShardCount shards, BusinessAccount account, CancellationToken cancellationToken);
}
