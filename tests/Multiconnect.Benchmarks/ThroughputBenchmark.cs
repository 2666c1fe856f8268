using System.Globalization;
using System.Text;
using Multiconnect.Harness;

namespace Multiconnect.Benchmarks;

/// <summary>
/// Accepted-and-durable messages per second through the whole stack: a private PostgreSQL, the
/// simulator with no cap, three CoreApps and a gateway, loaded over HTTP by one caller per
/// recipient (each sends its next message once the previous one is accepted). Runs several times
/// per shard count; after each run, waits until the simulator has every accepted message.
/// </summary>
public static class ThroughputBenchmark
{
    public static async Task<string> RunAsync(int runs, TimeSpan duration, int recipients, IReadOnlyList<int> shardCounts)
    {
        await using var server = await PostgresServer.StartAsync();
        await using var cluster = await LocalCluster.CreateAsync(server);
        await cluster.StartSimulatorAsync();
        var coreApps = new List<NodeProcess>();
        foreach (var name in new[] { "coreapp-a", "coreapp-b", "coreapp-c" })
        {
            coreApps.Add(await cluster.StartCoreAppAsync(name, maxPoolSize: 8));
        }

        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();
        var report = new StringBuilder();
        report.AppendLine("| shards | run | accepted | msg/s | p50 ms | p99 ms | errors | delivered (total) | out of order | duplicates | CPU µs per message: gateway / CoreApps / PostgreSQL / simulator / load |");
        report.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        TimeSpan[] Cpu() =>
        [
            CpuTime.Of(gateway.Process.Pid),
            coreApps.Aggregate(TimeSpan.Zero, (sum, c) => sum + CpuTime.Of(c.Pid)),
            CpuTime.OfUser("postgres"),
            CpuTime.Of(cluster.Simulator!.Process.Pid),
            CpuTime.Of(Environment.ProcessId),
        ];
        foreach (var shards in shardCounts)
        {
            var phone = await cluster.RegisterAccountAsync(gateway, token, shards);
            await Eventually.True(async () => (await cluster.LeasesAsync()).Count == shards, $"{shards} shards", TimeSpan.FromSeconds(60));
            var rates = new List<LoadResult>();
            for (var run = 1; run <= runs; run++)
            {
                var before = Cpu();
                var result = await MessageLoad.RunAsync(gateway.Http.BaseAddress!, token, MessageLoad.NewRecipients(recipients), int.MaxValue, duration);
                var perMessage = Cpu().Zip(before, (after, start) => ((after - start).TotalMicroseconds / Math.Max(1, result.Accepted)).ToString("0", CultureInfo.InvariantCulture));
                var simulator = cluster.Simulator!;
                var total = rates.Sum(r => r.Accepted) + result.Accepted;
                await Eventually.True(async () => await simulator.CounterAsync(phone, "delivered") >= total, "the simulator to have every message", TimeSpan.FromMinutes(2));
                rates.Add(result);
                Console.Error.WriteLine($"shards {shards} run {run}: {result.Rate:0} msg/s");
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {shards} | {run} | {result.Accepted} | {result.Rate:0} | {result.P50Ms:0.0} | {result.P99Ms:0.0} | {string.Join(' ', result.Errors.Select(e => $"{e.Key}:{e.Value}"))} | {await simulator.CounterAsync(phone, "delivered")} | {await simulator.CounterAsync(phone, "out_of_order")} | {await simulator.CounterAsync(phone, "duplicates")} | {string.Join(" / ", perMessage)} |");
            }

            var median = rates.OrderBy(r => r.Rate).ElementAt(rates.Count / 2);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| **{shards}** | **median** | | **{median.Rate:0}** | {median.P50Ms:0.0} | {median.P99Ms:0.0} | | | | | |");
        }

        return report.ToString();
    }
}
