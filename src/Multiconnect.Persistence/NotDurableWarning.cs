using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Multiconnect.Persistence;

/// <summary>Says loudly, at start-up, that a process without PostgreSQL keeps nothing durable.</summary>
internal sealed partial class NotDurableWarning(ILogger<NotDurableWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogNotDurable(logger, PostgresOptions.Section);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "DEVELOPMENT MODE, NOTHING IS DURABLE: {Section}:InMemory is set, so this process uses " +
        "localhost clustering and in-memory state. Everything is lost when it stops. " +
        "Set Multiconnect__Postgres__ConnectionString for a real deployment.")]
    private static partial void LogNotDurable(ILogger logger, string section);
}
