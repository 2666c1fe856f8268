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

    /// <summary>Hangs of the spare per failover run of each signal: 20 in the full bench.</summary>
    private const int HangsPerFailover = 4;

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
                await ReviveAsync(cluster, result.Victim, result.Signal);
            }
        }

        var hangs = new List<HangElsewhereRun>();
        for (var run = 0; run < runs * HangsPerFailover; run++)
        {
            // A gateway started now gives each shard's calls a CoreApp's client port anew, the spare's among them;
            // the first one's ports were picked before the spare was last restarted, so it never uses it.
            var fresh = await cluster.StartGatewayAsync($"gateway-hang-{run + 1}");
            var hang = await HangElsewhereRun.MeasureAsync(cluster, fresh, await fresh.LoginAsync(), shards: 2, Timeout);
            await fresh.Process.StopAsync(TimeSpan.FromSeconds(30));
            hangs.Add(hang);
            Console.Error.WriteLine($"hang of the spare {run + 1}: the shards' slowest call {hang.SlowestCall.TotalSeconds:0.00} s");
            await ReviveAsync(cluster, hang.Victim, "STOP");
        }

        return Report(results) + "\n" + Report(hangs);
    }

    /// <summary>The victim, resumed if it was stopped (it then finds itself declared dead and exits), is started again as the spare.</summary>
    internal static async Task ReviveAsync(LocalCluster cluster, string victimName, string signal, int poolSize = 4)
    {
        var victim = cluster.CoreApp(victimName);
        if (signal == "STOP")
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

        await cluster.StartCoreAppAsync(victimName, poolSize);
    }

    private static string Report(List<FailoverRun> results)
    {
        var report = new StringBuilder();
        report.AppendLine("| signal | run | shard 0's lease moved (s) | shard 0 serving again (s) | shard 1 calls / failures | shard 1 slowest call (s) | copies of unanswered calls |");
        report.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var group in results.GroupBy(r => r.Signal))
        {
            var number = 0;
            foreach (var r in group)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"| {r.Signal} | {++number} | {r.LeaseMoved.TotalSeconds:0.00} | {r.Serving.TotalSeconds:0.00} | {r.Shard1Calls} / {r.Shard1Failures} | {r.Shard1SlowestCall.TotalSeconds:0.00} | {r.CallCopies} |");
            }

            report.AppendLine(CultureInfo.InvariantCulture,
                $"| **{group.Key}** | **median** | **{Median(group.Select(r => r.LeaseMoved)):0.00}** | **{Median(group.Select(r => r.Serving)):0.00}** | {group.Sum(r => r.Shard1Calls)} / {group.Sum(r => r.Shard1Failures)} | {group.Max(r => r.Shard1SlowestCall).TotalSeconds:0.00} (max) | {group.Sum(r => r.CallCopies)} |");
        }

        return report.ToString();
    }

    private static string Report(List<HangElsewhereRun> hangs)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Hangs of the spare (a CoreApp that owns no shard, SIGSTOP until declared dead), both shards asked every 50 ms through a gateway started just before: {hangs.Count} runs\n");
        report.AppendLine("| run | declared dead after (s) | calls / failures | the shards' slowest call (s) | copies of unanswered calls |");
        report.AppendLine("| --- | --- | --- | --- | --- |");
        var number = 0;
        foreach (var h in hangs)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {++number} | {h.DeclaredDead.TotalSeconds:0.00} | {h.Calls} / {h.Failures} | {h.SlowestCall.TotalSeconds:0.00} | {h.CallCopies} |");
        }

        report.AppendLine(CultureInfo.InvariantCulture,
            $"| **median** | **{Median(hangs.Select(h => h.DeclaredDead)):0.00}** | {hangs.Sum(h => h.Calls)} / {hangs.Sum(h => h.Failures)} | **{Median(hangs.Select(h => h.SlowestCall)):0.00}**, max {hangs.Max(h => h.SlowestCall).TotalSeconds:0.00} | {hangs.Sum(h => h.CallCopies)} |");
        return report.ToString();
    }

    private static double Median(IEnumerable<TimeSpan> values) => Benchmarks.Median(values.Select(v => v.TotalSeconds));
}
