namespace Multiconnect.Contracts.Grains;

/// <summary>
/// Which CoreApp hosts the master (<see cref="IShardMapGrain"/>), and which takes it over: the oldest
/// active CoreApp, by the generation Orleans gives a silo when it starts (ties by address). The master
/// is placed by this order (the CoreApps' placement director), and <c>/v1/health</c> names the next in
/// it the <c>secondary_master</c>: when the primary dies, the master is activated again on the oldest
/// CoreApp left, which is that one.
/// </summary>
public static class MasterSuccession
{
    public static IReadOnlyList<SiloAddress> Order(IEnumerable<SiloAddress> silos)
    {
        ArgumentNullException.ThrowIfNull(silos);
        return [.. silos.OrderBy(silo => silo.Generation).ThenBy(silo => silo.ToParsableString(), StringComparer.Ordinal)];
    }

    /// <summary>The CoreApp that takes the master over if <paramref name="master"/> dies: the oldest of the others; null when there is none.</summary>
    public static SiloAddress? Next(IEnumerable<SiloAddress> silos, SiloAddress master) =>
        Order(silos).FirstOrDefault(silo => !silo.Equals(master));
}
