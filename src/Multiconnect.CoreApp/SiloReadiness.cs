using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Multiconnect.Management;

namespace Multiconnect.CoreApp;

/// <summary>A CoreApp is ready while its silo is Active in cluster membership: not while it joins, not once it stops.</summary>
internal sealed class SiloReadiness(IServiceProvider services, IHostApplicationLifetime lifetime) : IReadinessProbe
{
    public Task<Readiness> CheckAsync(CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Task.FromResult(Readiness.Stopping);
        }

        // Resolved on demand: the first probes may come before the silo is even built.
        var silo = services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var status = services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(silo);
        return Task.FromResult(status == SiloStatus.Active ? Readiness.Ready : Readiness.NotActive);
    }
}
