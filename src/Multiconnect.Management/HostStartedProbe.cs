using Microsoft.Extensions.Hosting;

namespace Multiconnect.Management;

/// <summary>The default readiness: ready from the end of start-up until stopping begins.</summary>
internal sealed class HostStartedProbe(IHostApplicationLifetime lifetime) : IReadinessProbe
{
    public Task<Readiness> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(
        lifetime.ApplicationStopping.IsCancellationRequested ? Readiness.Stopping
        : lifetime.ApplicationStarted.IsCancellationRequested ? Readiness.Ready
        : Readiness.Starting);
}
