using System.Globalization;
using System.Net;
using System.Text;
using Multiconnect.Harness;

namespace Multiconnect.Cli.Bench;

/// <summary>
/// Crash (SIGKILL) and hang (SIGSTOP) failover of shard 0 on 3 CoreApps with 2 shards, each run on the
/// same cluster: after a run the victim is restarted and becomes the spare for the next one.
/// </summary>
internal static class FailoverBenchmark
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static async Task<string> RunAsync(PostgresServer server, int runs)
    {
        await using var cluster = await LocalCluster.CreateAsync(server);
        foreach (var name in new[] { "coreapp-a", "coreapp-b", "coreapp-c" })
        {
            await cluster.StartCoreAppAsync(name);
        }

        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();
        using (var set = await gateway.SetShardCountAsync(token, 2))
        {
            if (set.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Setting 2 shards failed: {set.StatusCode}");
            }
        }

        await Eventually.True(async () => (await cluster.LeasesAsync()).Count == 2, "2 shards", Timeout);
        var results = new List<FailoverRun>();
        foreach (var signal in new[] { "KILL", "STOP" })
        {
            for (var run = 0; run < runs; run++)
            {
                var result = await FailoverRun.MeasureAsync(cluster, gateway, token, signal, Timeout);
                results.Add(result);
                Console.Error.WriteLine($"{signal} run {run + 1}: shard 0 serving again after {result.Serving.TotalSeconds:0.00} s");
                await ReviveAsync(cluster, result);
            }
        }

        return Report(results);
    }

    /// <summary>The victim, resumed if it was stopped (it then finds itself declared dead and exits), is started again as the spare.</summary>
    internal static async Task ReviveAsync(LocalCluster cluster, FailoverRun run, int poolSize = 4)
    {
        var victim = cluster.CoreApp(run.Victim);
        if (run.Signal == "STOP")
        {
            await victim.SignalAsync("CONT");
            try
            {
                await victim.WaitForExitAsync(TimeSpan.FromSeconds(30));
            }
            catch (OperationCanceledException)
            {
                await victim.SignalAsync("KILL");
            }
        }

        await cluster.StartCoreAppAsync(run.Victim, poolSize);
    }

    private static string Report(List<FailoverRun> results)
    {
        var report = new StringBuilder();
        report.AppendLine("| signal | run | shard 0's lease moved (s) | shard 0 serving again (s) | shard 1 calls / failures | shard 1 slowest call (s) |");
        report.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var group in results.GroupBy(r => r.Signal))
        {
            var number = 0;
            foreach (var r in group)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"| {r.Signal} | {++number} | {r.LeaseMoved.TotalSeconds:0.00} | {r.Serving.TotalSeconds:0.00} | {r.Shard1Calls} / {r.Shard1Failures} | {r.Shard1SlowestCall.TotalSeconds:0.00} |");
            }

            report.AppendLine(CultureInfo.InvariantCulture,
                $"| **{group.Key}** | **median** | **{Median(group.Select(r => r.LeaseMoved)):0.00}** | **{Median(group.Select(r => r.Serving)):0.00}** | {group.Sum(r => r.Shard1Calls)} / {group.Sum(r => r.Shard1Failures)} | {group.Max(r => r.Shard1SlowestCall).TotalSeconds:0.00} (max) |");
        }

        return report.ToString();
    }

    private static double Median(IEnumerable<TimeSpan> values) => Benchmarks.Median(values.Select(v => v.TotalSeconds));
}
