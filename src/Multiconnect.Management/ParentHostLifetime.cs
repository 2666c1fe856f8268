using Microsoft.Extensions.Hosting;

namespace Multiconnect.Management;

/// <summary>The management server's host is started and stopped by the process's own host, which alone handles signals.</summary>
internal sealed class ParentHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
