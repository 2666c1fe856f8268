using Microsoft.Extensions.Hosting;

namespace Multiconnect.Persistence;

internal sealed class MigrateAtStartup(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
