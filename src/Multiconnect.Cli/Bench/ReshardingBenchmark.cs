using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Multiconnect.Harness;

namespace Multiconnect.Cli.Bench;

/// <summary>
/// A change of the shard count under a steady load (400 msg/s to 300 recipients, upstream uncapped),
/// each run on a fresh cluster with a CoreApp for every shard of the larger count and one spare:
/// how long until the 201, until every shard acts under the new generation holding nothing, the
/// longest time in which no send was accepted, and p99 in the 10 s before against the 10 s from the change.
/// </summary>
internal static class ReshardingBenchmark
{
    public static readonly IReadOnlyList<(int From, int To)> Changes = [(2, 4), (4, 8), (8, 2), (2, 16)];

    private const double Rate = 400;
    private const int Recipients = 300;
    private const int CoreAppPoolSize = 3;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static async Task<string> RunAsync(PostgresServer server, int runs)
    {
        var table = new StringBuilder();
        table.AppendLine("| change | CoreApps | run | time to 201 (s) | until handed over (s) | longest gap in accepting (ms) | p99 before / during (ms) | errors | lost | out of order | misrouted |");
        table.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (from, to) in Changes)
        {
            var results = new List<Run>();
            for (var run = 1; run <= runs; run++)
            {
                var result = await MeasureAsync(server, from, to);
                results.Add(result);
                await Console.Error.WriteLineAsync($"  {from}->{to}, run {run}: 201 after {result.Accepted.TotalSeconds:0.00} s, handed over after {result.HandedOver.TotalSeconds:0.00} s, longest gap {result.LongestGap.TotalMilliseconds:0} ms");
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"| {from} → {to} | {CoreApps(from, to)} | {run} | {result.Accepted.TotalSeconds:0.00} | {result.HandedOver.TotalSeconds:0.00} | {result.LongestGap.TotalMilliseconds:0} | {result.P99Before:0} / {result.P99During:0} | {Errors(result.Errors)} | {result.Lost} | {result.OutOfOrder} | {result.Misrouted} |");
            }

            if (runs > 1)
            {
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"| **{from} → {to}** | | **median** | **{Benchmarks.Median(results.Select(r => r.Accepted.TotalSeconds)):0.00}** | **{Benchmarks.Median(results.Select(r => r.HandedOver.TotalSeconds)):0.00}** | **{Benchmarks.Median(results.Select(r => r.LongestGap.TotalMilliseconds)):0}** | {Benchmarks.Median(results.Select(r => r.P99Before)):0} / {Benchmarks.Median(results.Select(r => r.P99During)):0} | | | | |");
            }
        }

        return table.ToString();
    }

    private static int CoreApps(int from, int to) => Math.Max(from, to) + 1;

    private static async Task<Run> MeasureAsync(PostgresServer server, int from, int to)
    {
        await using var bench = await Benchmarks.StartAsync(server, simulatorSettings: null, CoreApps(from, to), CoreAppPoolSize);
        var (cluster, gateway, token, _) = bench;
        var phone = await cluster.RegisterAccountAsync(gateway, token, from);
        await Eventually.True(async () => ShardChange.HandedOver(await gateway.GetJsonAsync("/v1/shards", token), from), $"{from} shards to be placed", Timeout);

        // A warm-up window nobody counts, the window before, then the change and the window from it.
        var progress = new LoadProgress();
        var load = MessageLoad.RunAsync(gateway.Http.BaseAddress!, token, MessageLoad.NewRecipients(Recipients), int.MaxValue, 3 * Window, Rate, progress);
        await Task.Delay(Window / 2);
        progress.Take();
        await Task.Delay(Window / 2);
        var before = progress.Take();

        using var stopWatching = new CancellationTokenSource();
        var gaps = LongestGapAsync(progress, stopWatching.Token);
        var clock = Stopwatch.StartNew();
        using (var change = await cluster.ChangeShardCountAsync(gateway, token, to))
        {
            if (change.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"{from} -> {to} was answered {(int)change.StatusCode}: {await change.Content.ReadAsStringAsync()}");
            }
        }

        var accepted = clock.Elapsed;
        await Eventually.True(async () => ShardChange.HandedOver(await gateway.GetJsonAsync("/v1/shards", token), to), $"{from} -> {to} to be handed over", Timeout);
        var handedOver = clock.Elapsed;
        if (Window - clock.Elapsed is { Ticks: > 0 } rest)
        {
            await Task.Delay(rest);
        }

        var during = progress.Take();
        await stopWatching.CancelAsync();
        var longestGap = await gaps;
        var result = await load;
        await Eventually.True(async () => await cluster.Simulator!.CounterAsync(phone, "delivered") >= result.Accepted, "every accepted message to arrive", Timeout);
        var counters = await cluster.Simulator!.CountersAsync(phone);
        return new Run(accepted, handedOver, longestGap, MessageLoad.Percentile(before, 0.99), MessageLoad.Percentile(during, 0.99), result.Errors,
            result.Accepted - counters.GetValueOrDefault("delivered"), counters.GetValueOrDefault("out_of_order"), counters.GetValueOrDefault("misrouted"));
    }

    /// <summary>The longest time in which the count of accepted sends did not move, sampled every 5 ms.</summary>
    private static async Task<TimeSpan> LongestGapAsync(LoadProgress progress, CancellationToken stop)
    {
        var (longest, last, since) = (TimeSpan.Zero, progress.Accepted, Stopwatch.GetTimestamp());
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(5, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (progress.Accepted != last)
            {
                (last, since) = (progress.Accepted, Stopwatch.GetTimestamp());
            }

            longest = TimeSpan.FromTicks(Math.Max(longest.Ticks, Stopwatch.GetElapsedTime(since).Ticks));
        }

        return longest;
    }

    private static string Errors(IReadOnlyDictionary<string, int> errors) => string.Join(' ', errors.Select(e => $"{e.Key}:{e.Value}"));

    private sealed record Run(
        TimeSpan Accepted, TimeSpan HandedOver, TimeSpan LongestGap, double P99Before, double P99During,
        IReadOnlyDictionary<string, int> Errors, long Lost, long OutOfOrder, long Misrouted);
}
