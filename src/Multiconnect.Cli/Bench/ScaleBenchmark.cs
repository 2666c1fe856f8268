using System.Globalization;
using System.Text;
using Multiconnect.Harness;

namespace Multiconnect.Cli.Bench;

/// <summary>
/// The shard counts the original exists for (issue 16, point 5): N shards on N + 1 CoreApps with small pools,
/// the upstream capped at <see cref="SessionCap"/> msg/s per session so that cap × shards stays within what
/// this box carries, offered 1.5 × cap × shards. Delivered against cap × shards, each CoreApp's memory idle
/// and at its peak under the load, every PostgreSQL connection the cluster holds, and crash failover of
/// shard 0 among them.
/// </summary>
internal static class ScaleBenchmark
{
    public const int SessionCap = 50;
    private const int PoolSize = 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task<string> RunAsync(PostgresServer server, Benchmarks.Options options)
    {
        var table = new StringBuilder();
        table.AppendLine("| shards | CoreApps | cap × shards (msg/s) | delivered msg/s, each run | **median delivered** | of cap × shards | p50 / p99 ms | out of order | CoreApp MB idle: median / max | CoreApp MB under load: median / max | peak PostgreSQL connections, all processes | crash failover, shard 0 serving again (s), each run |");
        table.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var shards in options.ScaleShards)
        {
            try
            {
                table.AppendLine(await RunAsync(server, options, shards));
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                // The box could not carry this many: say so in the table and go on with the next count.
                await Console.Error.WriteLineAsync($"  {shards} shards: did not finish: {e.Message}");
                table.AppendLine(CultureInfo.InvariantCulture, $"| {shards} | {shards + 1} | {SessionCap * shards} | did not finish: {e.Message.Split('\n')[0].Replace('|', '/')} | | | | | | | | |");
            }
        }

        return table.ToString();
    }

    /// <summary>One shard count's row: its runs, memory, connections and crash failovers.</summary>
    private static async Task<string> RunAsync(PostgresServer server, Benchmarks.Options options, int shards)
    {
        await using var bench = await Benchmarks.StartAsync(
            server, new Dictionary<string, string> { ["SessionMessagesPerSecond"] = SessionCap.ToString(CultureInfo.InvariantCulture) }, shards + 1, PoolSize);
        var (cluster, gateway, token, coreApps) = bench;
        var phone = await cluster.RegisterAccountAsync(gateway, token, shards);
        await Benchmarks.SessionsAsync(cluster, phone, shards, Timeout);
        var idle = coreApps.Select(c => ResidentMegabytes(c.Pid)).ToList();

        var rate = 1.5 * SessionCap * shards;
        using var sampling = new CancellationTokenSource();
        var peaks = SamplePeaksAsync(coreApps, sampling.Token);
        var runs = new List<ThroughputRun>();
        try
        {
            EnsureRunning(coreApps);
            await ThroughputRun.MeasureAsync(cluster, gateway, token, phone, coreApps, options.Warmup, options.Recipients, rate);
            for (var run = 1; run <= options.Runs; run++)
            {
                EnsureRunning(coreApps);
                var result = await ThroughputRun.MeasureAsync(cluster, gateway, token, phone, coreApps, options.Duration, options.Recipients, rate);
                await Console.Error.WriteLineAsync($"  {shards} shards, run {run}: {result.DeliveredRate:0} msg/s delivered of {SessionCap * shards}");
                runs.Add(result);
            }
        }
        finally
        {
            // Also when a run fails: the sampling would go on reading the memory of CoreApps that are gone.
            await sampling.CancelAsync();
        }

        var underLoad = await peaks;
        var connections = runs.SelectMany(r => r.PeakConnections.Keys).Where(n => n.StartsWith("multiconnect-", StringComparison.Ordinal)).Distinct()
            .Sum(name => runs.Max(r => r.PeakConnections.GetValueOrDefault(name)));

        var failovers = new List<FailoverRun>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var failover = await FailoverRun.MeasureAsync(cluster, gateway, token, "KILL", Timeout);
            await Console.Error.WriteLineAsync($"  {shards} shards, crash {run}: shard 0 serving again after {failover.Serving.TotalSeconds:0.00} s");
            failovers.Add(failover);
            await FailoverBenchmark.ReviveAsync(cluster, failover.Victim, failover.Signal, PoolSize);
        }

        var delivered = Benchmarks.Median(runs.Select(r => r.DeliveredRate));
        return string.Create(CultureInfo.InvariantCulture,
            $"| {shards} | {shards + 1} | {SessionCap * shards} | {string.Join(", ", runs.Select(r => r.DeliveredRate.ToString("0", CultureInfo.InvariantCulture)))} | **{delivered:0}** | {delivered / (SessionCap * shards):0%} " +
            $"| {Benchmarks.Median(runs.Select(r => r.Load.P50Ms)):0.0} / {Benchmarks.Median(runs.Select(r => r.Load.P99Ms)):0.0} | {runs.Sum(r => r.OutOfOrder)} " +
            $"| {Benchmarks.Median(idle):0} / {idle.Max():0} | {Benchmarks.Median(underLoad):0} / {underLoad.Max():0} | {connections} " +
            $"| {string.Join(", ", failovers.Select(f => f.Serving.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)))} |");
    }

    /// <summary>
    /// No CoreApp may die before the crashes this benchmark causes: one that did (declared dead while the box is
    /// starved, say) ends the benchmark with its last words rather than a table that hides it.
    /// </summary>
    private static void EnsureRunning(IReadOnlyList<NodeProcess> coreApps)
    {
        if (coreApps.FirstOrDefault(c => c.HasExited) is { } gone)
        {
            throw new InvalidOperationException($"{gone.Name} exited before any crash was caused; its last output:\n{string.Join('\n', gone.Output.Split('\n').TakeLast(60))}");
        }
    }

    /// <summary>Each CoreApp's largest resident size, sampled every second until cancelled.</summary>
    private static async Task<IReadOnlyList<double>> SamplePeaksAsync(IReadOnlyList<NodeProcess> coreApps, CancellationToken cancellationToken)
    {
        var peaks = new double[coreApps.Count];
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                for (var i = 0; i < coreApps.Count; i++)
                {
                    peaks[i] = Math.Max(peaks[i], ResidentMegabytes(coreApps[i].Pid));
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
        }

        return peaks;
    }

    /// <summary>The resident set of a process in MB (VmRSS), 0 once it is gone.</summary>
    private static double ResidentMegabytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
