using Orleans.Placement;

namespace Multiconnect.Grains.Placement;

/// <summary>The master goes to the oldest CoreApp (<see cref="Contracts.Grains.MasterSuccession"/>), so that the one to take it over is known.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class MasterPlacementStrategy : PlacementStrategy
{
    public static MasterPlacementStrategy Instance { get; } = new();
}
