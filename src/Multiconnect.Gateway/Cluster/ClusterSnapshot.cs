using Multiconnect.Contracts.Grains;

namespace Multiconnect.Gateway.Cluster;

public sealed record ClusterSnapshot(ShardMapView Map, SiloAddress Master, IReadOnlyList<CoreAppNode> CoreApps, IReadOnlyList<ShardActivation> Shards)
{
    /// <summary>The shards active on <paramref name="silo"/>.</summary>
    public IReadOnlyList<ShardActivation> ShardsOn(SiloAddress silo) => [.. Shards.Where(s => s.Silo.Equals(silo))];

    /// <summary>More shards than CoreApps: some CoreApp hosts two or more, and no spare is left.</summary>
    public bool Degraded => Map.Shards.Value > CoreApps.Count;

    public int Spares => CoreApps.Count(c => ShardsOn(c.Silo).Count == 0);
}
