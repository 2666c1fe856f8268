using System.Diagnostics;
using Multiconnect.Harness;
using Npgsql;

namespace Multiconnect.Cli;

/// <summary>
/// Takes `./mc soak`'s samples: the load's counts since the previous sample, each process's resident
/// memory (pids read again from the cluster state each time, since chaos starts CoreApps again), the
/// database size through the connection string the CoreApps were given, and the backlog from the
/// simulator's counters. A source that does not answer leaves its column empty; the soak goes on.
/// </summary>
internal sealed class SoakSampler(ClusterHome home, LoadRun run, LoadProgress progress, NpgsqlDataSource? database) : IAsyncDisposable
{
    private const double Mb = 1024 * 1024;

    /// <summary>Short, so that a database in trouble delays a sample by seconds, not by the driver's default 30.</summary>
    private const int QueryTimeoutSeconds = 5;

    private readonly Stopwatch _clock = new();
    private long _deliveredAtStart;
    private (double AtS, long Accepted, long Errors) _previous;

    public static SoakSampler Create(ClusterHome home, LoadRun run, LoadProgress progress) =>
        new(home, run, progress, run.State.ConnectionString is { } connectionString ? NpgsqlDataSource.Create(connectionString) : null);

    /// <summary>The sample before the load, which also starts the clock and notes what the simulator had already delivered.</summary>
    public async Task<SoakSample> StartAsync(CancellationToken cancellationToken)
    {
        _deliveredAtStart = await DeliveredAsync() ?? 0;
        _clock.Start();
        return await TakeAsync(cancellationToken);
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    public async Task<SoakSample> TakeAsync(CancellationToken cancellationToken)
    {
        var (atS, accepted, errors) = (_clock.Elapsed.TotalSeconds, progress.Accepted, progress.Errors);
        var (since, previous) = (atS - _previous.AtS, _previous);
        _previous = (atS, accepted, errors);
        var delivered = await DeliveredAsync();
        var state = home.ReadState() ?? run.State;
        return new SoakSample(
            Math.Round(atS, 1),
            accepted,
            since > 0 ? Math.Round((accepted - previous.Accepted) / since, 1) : 0,
            errors - previous.Errors,
            delivered is { } now ? Math.Max(0, accepted - (now - _deliveredAtStart)) : null,
            await DatabaseMbAsync(cancellationToken),
            [.. state.Processes.Select(p => new ProcessMemory(p.Name, p.Role, p.Pid, Launcher.ResidentBytesOf(p) is { } bytes ? Math.Round(bytes / Mb, 1) : null))]);
    }

    public ValueTask DisposeAsync() => database?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task<double?> DatabaseMbAsync(CancellationToken cancellationToken)
    {
        if (database is null)
        {
            return null;
        }

        try
        {
            await using var command = database.CreateCommand("SELECT pg_database_size(current_database())");
            command.CommandTimeout = QueryTimeoutSeconds;
            return Math.Round((long)(await command.ExecuteScalarAsync(cancellationToken))! / Mb, 1);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Messages the simulator has delivered or failed for the business number; null when it does not answer.</summary>
    private async Task<long?> DeliveredAsync()
    {
        try
        {
            var counters = await run.Simulator.CountersAsync(run.Credentials.PhoneNumber);
            return counters.GetValueOrDefault("delivered") + counters.GetValueOrDefault("failed");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }
}
