using Orleans.Placement;

namespace Multiconnect.Grains.Placement;

/// <summary>Shards are placed by the master (<see cref="ShardMapGrain"/>): one shard per CoreApp while spares exist.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class ShardPlacementStrategy : PlacementStrategy
{
    public static ShardPlacementStrategy Instance { get; } = new();
}
