using Multiconnect.Contracts.Grains;

namespace Multiconnect.Gateway.Cluster;

public sealed record ClusterSnapshot(ShardMapView Map, SiloAddress Master, IReadOnlyList<CoreAppNode> CoreApps, IReadOnlyList<ShardActivation> Shards)
{
    public IReadOnlyList<int> ShardsOn(SiloAddress silo) => [.. Shards.Where(s => s.Silo.Equals(silo)).Select(s => s.ShardId)];

    /// <summary>More shards than CoreApps: some CoreApp hosts two or more, and no spare is left.</summary>
    public bool Degraded => Map.Shards.Value > CoreApps.Count;

    public int Spares => CoreApps.Count(c => ShardsOn(c.Silo).Count == 0);
}
