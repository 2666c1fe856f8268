using Orleans.Placement;

namespace Multiconnect.Grains.Placement;

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class MasterPlacementAttribute() : PlacementAttribute(MasterPlacementStrategy.Instance);
