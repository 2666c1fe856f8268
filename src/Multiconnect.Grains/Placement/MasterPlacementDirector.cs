using Multiconnect.Contracts.Grains;
using Orleans.Runtime.Placement;

namespace Multiconnect.Grains.Placement;

/// <summary>Places the master on the oldest compatible CoreApp (<see cref="MasterSuccession"/>).</summary>
public sealed class MasterPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(MasterSuccession.Order(context.GetCompatibleSilos(target))[0]);
    }
}
