using Multiconnect.Contracts.Grains;

namespace Multiconnect.Gateway.Cluster;

/// <summary>What the cluster looks like right now: its CoreApps, the master, and where each shard is.</summary>
public sealed class ClusterView(ShardCaller caller)
{
    public async Task<ClusterSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var hosts = await caller.CallAsync(c => c.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true), cancellationToken);
        var master = caller.CallAsync(c => c.GetGrain<IShardMapGrain>(IShardMapGrain.Key).GetLocationAsync(), cancellationToken);
        var map = await ReadMapAsync(cancellationToken);
        var shards = (await Task.WhenAll(Enumerable.Range(0, map.Shards.Value).Select(id => TryDescribeAsync(caller, id)))).OfType<ShardActivation>().ToList();
        var coreApps = hosts
            .Where(host => host.Status == SiloStatus.Active)
            .Select(host => new CoreAppNode(host.SiloAddress, $"{host.HostName}:{host.SiloName}"))
            .ToList();
        return new ClusterSnapshot(map, await master, coreApps, shards);
    }

    public Task<ShardMapView> ReadMapAsync(CancellationToken cancellationToken) =>
        caller.CallAsync(c => c.GetGrain<IShardMapGrain>(IShardMapGrain.Key).GetAsync(), cancellationToken);

    /// <summary>The shard count and the counters of every shard that answers at once; one failing over is left out.</summary>
    public async Task<(int ShardCount, IReadOnlyList<ShardStats> Shards)> ReadStatsAsync(CancellationToken cancellationToken)
    {
        var map = await ReadMapAsync(cancellationToken);
        var stats = await Task.WhenAll(Enumerable.Range(0, map.Shards.Value).Select(id => TryOnceAsync(
            caller, c => c.GetGrain<IShardGrain>(id).GetStatsAsync(), c => c.GetGrain<IShardGrainCopies>(id).GetStatsAsync())));
        return (map.Shards.Value, [.. stats.OfType<ShardStats>()]);
    }

    private static Task<ShardActivation?> TryDescribeAsync(ShardCaller caller, int shardId) =>
        TryOnceAsync(caller, c => c.GetGrain<IShardGrain>(shardId).DescribeAsync(), c => c.GetGrain<IShardGrainCopies>(shardId).DescribeAsync());

    /// <summary>One quick attempt: a view of the cluster must not wait on a shard that is failing over; it just leaves it out.</summary>
    private static async Task<T?> TryOnceAsync<T>(ShardCaller caller, Func<IClusterClient, Task<T>> call, Func<IClusterClient, Task<T>> copy)
        where T : class
    {
        try
        {
            return await caller.CallOnceAsync(call, TimeSpan.FromSeconds(1), copy);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    public Task<ShardActivation> DescribeAsync(int shardId, CancellationToken cancellationToken) =>
        caller.CallAsync(c => c.GetGrain<IShardGrain>(shardId).DescribeAsync(), c => c.GetGrain<IShardGrainCopies>(shardId).DescribeAsync(), cancellationToken);
}
