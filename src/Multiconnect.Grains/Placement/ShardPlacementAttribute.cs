using Orleans.Placement;

namespace Multiconnect.Grains.Placement;

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ShardPlacementAttribute() : PlacementAttribute(ShardPlacementStrategy.Instance);
