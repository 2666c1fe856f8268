using Multiconnect.Contracts.Routing;

namespace Multiconnect.Contracts.Grains;

/// <summary>
/// The cluster's shard map: how many shards the business number is split into.
/// One per cluster, under <see cref="Key"/>.
/// </summary>
public interface IShardMapGrain : IGrainWithIntegerKey
{
    const long Key = 0;

    Task<ShardMapView> GetAsync();

    Task<ShardMapView> SetShardCountAsync(ShardCount shards);
}
