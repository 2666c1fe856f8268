using System.Diagnostics;
using Multiconnect.Harness;

namespace Multiconnect.Cli;

/// <summary>
/// `./mc chaos`: the load of `./mc load`, and on a schedule a random CoreApp that owns a shard is
/// killed (or hung), timed until its shard answers from a new owner, and started again after a pause.
/// </summary>
internal static class Chaos
{
    public sealed record Options(TimeSpan Every, string Signal, TimeSpan Duration, double? Rate, int Recipients, TimeSpan Drain, bool Json, bool Reshard = false, MessageMix? Mix = null);

    /// <summary>The counts --reshard moves among, each change to the next one that differs from the count in force.</summary>
    private static readonly int[] ReshardCounts = [4, 8, 2];

    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(Options options, ClusterHome home, CancellationToken cancellationToken)
    {
        if (await LoadRun.ConnectAsync(home, cancellationToken) is not { } run)
        {
            return 1;
        }

        using var _ = run.Gateway;
        if (!await CanStrikeAsync(run))
        {
            return 1;
        }

        var load = run.RunAsync(new LoadRun.Options(options.Rate, options.Duration, options.Recipients, options.Drain, options.Mix), cancellationToken);
        var events = await StrikeWhileLoadingAsync(home, run, load, options.Every, options.Duration, options.Signal, options.Reshard, cancellationToken);
        var verdict = await load with { Events = events };
        return verdict.Print(options.Json);
    }

    /// <summary>Whether the cluster has somewhere for a killed CoreApp's shards to go; says why not on standard error.</summary>
    public static async Task<bool> CanStrikeAsync(LoadRun run)
    {
        if (run.State.Storage == ClusterState.InMemory)
        {
            await Console.Error.WriteLineAsync("chaos needs a cluster on PostgreSQL: in memory, the membership lives in coreapp-1 and dies with it.");
            return false;
        }

        if (run.State.Processes.Count(p => p.Role == "coreapp") < 2)
        {
            await Console.Error.WriteLineAsync("chaos needs at least 2 CoreApps, so that a shard has somewhere to go: ./mc up --coreapps 3.");
            return false;
        }

        return true;
    }

    /// <summary>
    /// While <paramref name="load"/> sends (for <paramref name="duration"/> from now), strikes every
    /// <paramref name="every"/>: a random shard-owning CoreApp is signalled, timed and started again, or
    /// with <paramref name="reshard"/> a change of the shard count comes first in turn. Each event is also
    /// told on standard error as it happens.
    /// </summary>
    public static async Task<List<ChaosEvent>> StrikeWhileLoadingAsync(
        ClusterHome home, LoadRun run, Task load, TimeSpan every, TimeSpan duration, string signal, bool reshard, CancellationToken cancellationToken)
    {
        var events = new List<ChaosEvent>();
        var shards = (await run.Gateway.GetAsync("/v1/account/shards", cancellationToken)).GetProperty("account").GetProperty("shards").GetInt32();
        var (strikes, changes) = (0, 0);
        var clock = Stopwatch.StartNew();
        for (var at = every; at < duration; at += every)
        {
            var wait = at - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.WhenAny(load, Task.Delay(wait, cancellationToken));
            }

            if (load.IsCompleted || clock.Elapsed >= duration)
            {
                break; // the sending is over: no kill during the drain
            }

            // With --reshard, changes of count and kills alternate, a change first.
            ChaosEvent? chaosEvent;
            if (reshard && strikes++ % 2 == 0)
            {
                var to = ReshardCounts[changes++ % ReshardCounts.Length];
                to = to == shards ? ReshardCounts[changes++ % ReshardCounts.Length] : to;
                chaosEvent = await ShardChange.RunAsync(home, run, shards, to, cancellationToken);
                shards = chaosEvent.AcceptedInS is null ? shards : to;
            }
            else
            {
                chaosEvent = await StrikeAsync(home, run, signal, cancellationToken);
            }

            if (chaosEvent is not null)
            {
                events.Add(chaosEvent);
                await Console.Error.WriteLineAsync($"\n{clock.Elapsed.TotalSeconds:0} s: {Describe(chaosEvent)}");
            }
        }

        return events;
    }

    private static string Describe(ChaosEvent e) => e switch
    {
        { Change: { } change, AcceptedInS: null } => $"shard count {change} was NOT accepted",
        { Change: { } change, HandoverS: null } => $"shard count {change} accepted in {e.AcceptedInS:0.00} s; the handover did NOT end",
        { Change: { } change } => $"shard count {change} accepted in {e.AcceptedInS:0.00} s, handed over after {e.HandoverS:0.00} s",
        { RecoveryS: { } seconds } => $"SIG{e.Signal} to {e.Victim}; shard {e.Shard} served again after {seconds:0.00} s",
        _ => $"SIG{e.Signal} to {e.Victim}; shard {e.Shard} did NOT serve again within {RecoveryTimeout.TotalSeconds:0} s",
    };

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
