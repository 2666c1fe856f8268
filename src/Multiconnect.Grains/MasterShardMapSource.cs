using Multiconnect.Contracts.Grains;
using Multiconnect.Persistence;

namespace Multiconnect.Grains;

/// <summary>
/// Development mode: the shard map lives in the master's process memory, so a shard asks the master
/// for it (<see cref="IShardMapGrain.GetAsync"/> interleaves, so the master may be waiting on the shard).
/// On PostgreSQL, shards read the table shard_maps instead and never call the master.
/// </summary>
public sealed class MasterShardMapSource(IGrainFactory grains) : IShardMapSource
{
    public Task<ShardMapView> ReadAsync(CancellationToken cancellationToken) =>
        grains.GetGrain<IShardMapGrain>(IShardMapGrain.Key).GetAsync().WaitAsync(cancellationToken);
}
