using System.Diagnostics;
using System.Globalization;
using Multiconnect.Harness;

namespace Multiconnect.Cli;

/// <summary>
/// HTTP load against the running cluster's gateway (<see cref="MessageLoad"/>: one caller per
/// recipient, each sending its next message once the previous one was accepted, bodies carrying a
/// per-recipient sequence), a live progress line, then the simulator's verdict on what was accepted.
/// </summary>
internal sealed class LoadRun(ClusterState state, Credentials credentials, GatewayClient gateway, SimulatorAdmin simulator)
{
    public sealed record Options(double? Rate, TimeSpan Duration, int Recipients, TimeSpan Drain, MessageMix? Mix = null);

    public static async Task<LoadRun?> ConnectAsync(ClusterHome home, CancellationToken cancellationToken)
    {
        if (home.ReadState() is not { } state)
        {
            await Console.Error.WriteLineAsync($"No cluster is running from {home.Root}: start one with ./mc up.");
            return null;
        }

        var credentials = home.ReadOrCreateCredentials();
        var gateway = await GatewayClient.TryLoginAsync(state.Api, credentials, cancellationToken);
        if (gateway is null)
        {
            await Console.Error.WriteLineAsync($"The gateway at {state.Api} does not accept a login: see ./mc status.");
            return null;
        }

        return new LoadRun(state, credentials, gateway, new SimulatorAdmin(state.Simulator, credentials.SimulatorAdminToken));
    }

    public ClusterState State => state;

    public GatewayClient Gateway => gateway;

    public Credentials Credentials => credentials;

    public SimulatorAdmin Simulator => simulator;

    public Task<Verdict> RunAsync(Options options, CancellationToken cancellationToken) =>
        RunAsync(options, new LoadProgress(), display: true, cancellationToken);

    /// <summary>The load, reporting to <paramref name="progress"/>; without <paramref name="display"/>, the caller shows progress its own way (soak's samples).</summary>
    public async Task<Verdict> RunAsync(Options options, LoadProgress progress, bool display, CancellationToken cancellationToken)
    {
        var before = await CountersAsync();
        var recipients = MessageLoad.NewRecipients(options.Recipients);
        using var stopDisplay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var displayed = display ? DisplayAsync(progress, options.Duration, stopDisplay.Token) : Task.CompletedTask;
        var result = await MessageLoad.RunAsync(
            state.Api, gateway.Token, recipients, int.MaxValue, options.Duration, options.Rate, progress, options.Mix, cancellationToken);
        await stopDisplay.CancelAsync();
        await displayed;

        var lost = await DrainAsync(result, options.Drain, cancellationToken);
        var after = await CountersAsync();
        return new Verdict(
            result.Accepted,
            Math.Round(result.Rate, 1),
            Math.Round(result.P50Ms, 1),
            Math.Round(result.P99Ms, 1),
            result.Errors,
            result.Accepted - lost,
            lost,
            after.Duplicates - before.Duplicates,
            after.OutOfOrder - before.OutOfOrder,
            after.Misrouted - before.Misrouted);
    }

    /// <summary>Waits until the simulator has every accepted message or the drain period is over; returns how many it lacks.</summary>
    private async Task<long> DrainAsync(LoadResult result, TimeSpan drain, CancellationToken cancellationToken)
    {
        var missing = result.AcceptedIds.Where(r => r.Value.Count > 0).ToDictionary(r => r.Key, r => r.Value.ToHashSet());
        Console.Error.WriteLine($"Draining: waiting up to {drain.TotalSeconds:0} s for the simulator to have all {result.Accepted} accepted messages…");
        var deadline = Stopwatch.GetTimestamp() + (long)(drain.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            foreach (var recipient in missing.Keys.ToList())
            {
                missing[recipient].ExceptWith(await simulator.DeliveredIdsAsync(credentials.PhoneNumber, recipient));
                if (missing[recipient].Count == 0)
                {
                    missing.Remove(recipient);
                }
            }

            if (missing.Count == 0 || Stopwatch.GetTimestamp() > deadline)
            {
                return missing.Values.Sum(ids => ids.Count);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private async Task<(long Duplicates, long OutOfOrder, long Misrouted)> CountersAsync()
    {
        var counters = await simulator.CountersAsync(credentials.PhoneNumber);
        return (counters.GetValueOrDefault("duplicates"), counters.GetValueOrDefault("out_of_order"), counters.GetValueOrDefault("misrouted"));
    }

    /// <summary>A progress line on standard error: rewritten each second on a terminal, one line every 5 s otherwise.</summary>
    private static async Task DisplayAsync(LoadProgress progress, TimeSpan duration, CancellationToken cancellationToken)
    {
        var terminal = !Console.IsErrorRedirected;
        var clock = Stopwatch.StartNew();
        var interval = TimeSpan.FromSeconds(terminal ? 1 : 5);
        var accepted = 0L;
        try
        {
            while (true)
            {
                await Task.Delay(interval, cancellationToken);
                var latencies = progress.Take();
                var now = progress.Accepted;
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"{clock.Elapsed.TotalSeconds,4:0}/{duration.TotalSeconds:0} s  {now,9:N0} accepted  {(now - accepted) / interval.TotalSeconds,7:N0} msg/s  p50 {MessageLoad.Percentile(latencies, 0.5),6:0.0} ms  p99 {MessageLoad.Percentile(latencies, 0.99),6:0.0} ms  errors {progress.Errors:N0}");
                accepted = now;
                await Console.Error.WriteAsync(terminal ? "\r" + line : line + Environment.NewLine);
            }
        }
        catch (OperationCanceledException)
        {
            if (terminal)
            {
                await Console.Error.WriteLineAsync();
            }
        }
    }
}
