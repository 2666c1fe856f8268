using System.Diagnostics;

namespace Multiconnect.Cli;

/// <summary>
/// `./mc chaos`: the load of `./mc load`, and on a schedule a random CoreApp that owns a shard is
/// killed (or hung), timed until its shard answers from a new owner, and started again after a pause.
/// </summary>
internal static class Chaos
{
    public sealed record Options(TimeSpan Every, string Signal, TimeSpan Duration, double? Rate, int Recipients, TimeSpan Drain, bool Json);

    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(Options options, ClusterHome home, CancellationToken cancellationToken)
    {
        if (await LoadRun.ConnectAsync(home, cancellationToken) is not { } run)
        {
            return 1;
        }

        using var _ = run.Gateway;
        if (run.State.Storage == ClusterState.InMemory)
        {
            await Console.Error.WriteLineAsync("chaos needs a cluster on PostgreSQL: in memory, the membership lives in coreapp-1 and dies with it.");
            return 1;
        }

        if (run.State.Processes.Count(p => p.Role == "coreapp") < 2)
        {
            await Console.Error.WriteLineAsync("chaos needs at least 2 CoreApps, so that a shard has somewhere to go: ./mc up --coreapps 3.");
            return 1;
        }

        var events = new List<ChaosEvent>();
        var clock = Stopwatch.StartNew();
        var load = run.RunAsync(new LoadRun.Options(options.Rate, options.Duration, options.Recipients, options.Drain), cancellationToken);
        for (var at = options.Every; at < options.Duration; at += options.Every)
        {
            var wait = at - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.WhenAny(load, Task.Delay(wait, cancellationToken));
            }

            if (load.IsCompleted || clock.Elapsed >= options.Duration)
            {
                break; // the sending is over: no kill during the drain
            }

            var chaosEvent = await StrikeAsync(home, run, options.Signal, cancellationToken);
            if (chaosEvent is not null)
            {
                events.Add(chaosEvent);
                await Console.Error.WriteLineAsync(chaosEvent.RecoveryS is { } seconds
                    ? $"\n{clock.Elapsed.TotalSeconds:0} s: SIG{chaosEvent.Signal} to {chaosEvent.Victim}; shard {chaosEvent.Shard} served again after {seconds:0.00} s"
                    : $"\n{clock.Elapsed.TotalSeconds:0} s: SIG{chaosEvent.Signal} to {chaosEvent.Victim}; shard {chaosEvent.Shard} did NOT serve again within {RecoveryTimeout.TotalSeconds:0} s");
            }
        }

        var verdict = await load with { Events = events };
        return verdict.Print(options.Json);
    }

    /// <summary>Signals a random CoreApp that owns a shard, times the shard's return, then starts the victim again; null when no CoreApp owns a shard.</summary>
    private static async Task<ChaosEvent?> StrikeAsync(ClusterHome home, LoadRun run, string signal, CancellationToken cancellationToken)
    {
        var state = home.ReadState() ?? run.State;
        var placements = await run.Gateway.PlacementsAsync(cancellationToken);
        var owners = state.Processes
            .Where(p => p.Role == "coreapp" && Launcher.StatusOf(p) == ProcessStatus.Running)
            .Select(p => (Process: p, Shards: placements.Where(s => s.Value.Node == p.Name).Select(s => s.Key).ToList()))
            .Where(o => o.Shards.Count > 0)
            .ToList();
        if (owners.Count == 0)
        {
            return null;
        }

        var (victim, shards) = owners[Random.Shared.Next(owners.Count)];
        var shard = shards.Min();
        var epoch = placements[shard].Epoch;
        var clock = Stopwatch.StartNew();
        Launcher.Signal(victim, signal);
        double? recovery = null;
        while (clock.Elapsed < RecoveryTimeout)
        {
            try
            {
                var (node, now) = await run.Gateway.ShardAsync(shard, cancellationToken);
                if (now > epoch && node != victim.Name)
                {
                    recovery = Math.Round(clock.Elapsed.TotalSeconds, 2);
                    break;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // The gateway could not reach the shard yet: ask again.
            }

            await Task.Delay(100, cancellationToken);
        }

        await Task.Delay(Pause, cancellationToken);
        if (signal == "STOP")
        {
            // Resumed, it finds itself declared dead and exits; if it does not, it is killed.
            Launcher.Signal(victim, "CONT");
            if (!await Launcher.WaitForExitAsync(victim, TimeSpan.FromSeconds(30)))
            {
                Launcher.Signal(victim, "KILL");
                await Launcher.WaitForExitAsync(victim, TimeSpan.FromSeconds(10));
            }
        }
        else
        {
            await Launcher.WaitForExitAsync(victim, TimeSpan.FromSeconds(30));
        }

        ProcessCommands.Start(home, home.ReadState() ?? state, victim);
        return new ChaosEvent(victim.Name, signal, shard, recovery);
    }
}
