using Multiconnect.Contracts.Routing;

namespace Multiconnect.Gateway.Cluster;

/// <summary>
/// The shard count, asked of the master at most once a second, so that routing a message costs no
/// extra call. After a change of count, a gateway routes by the old count for up to a second.
/// </summary>
public sealed class ShardCountCache(ClusterView view, TimeProvider clock)
{
    private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(1);
    private (ShardCount Shards, DateTimeOffset ReadAt)? _cached;

    public async ValueTask<ShardCount> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && clock.GetUtcNow() - cached.ReadAt < FreshFor)
        {
            return cached.Shards;
        }

        var map = await view.ReadMapAsync(cancellationToken);
        _cached = (map.Shards, clock.GetUtcNow());
        return map.Shards;
    }
}
