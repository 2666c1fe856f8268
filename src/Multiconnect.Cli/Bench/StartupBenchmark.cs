using System.Diagnostics;
using System.Globalization;
using System.Text;
using Multiconnect.Harness;

namespace Multiconnect.Cli.Bench;

/// <summary>
/// A fresh cluster's first minute, as a new user meets it: 3 CoreApps and a gateway just started, 8 shards,
/// `load --max` from the moment every shard has its session. Delivered msg/s in the first 10, 30 and 60 s,
/// and in the 30 s after (the warm rate); each variant of the runtime's settings (given to the CoreApps and
/// the gateway) on its own fresh cluster, the variants alternating run by run.
/// </summary>
internal static class StartupBenchmark
{
    /// <summary>
    /// The settings compared: as built (dynamic PGO off, set in the CoreApp's and the gateway's .csproj: methods
    /// reach their optimized tier without the instrumented tier between); the runtime's defaults (dynamic PGO on,
    /// the environment overriding the build); quick JIT off with the framework's tier-up begun at once (by default
    /// it waits until no new method has been compiled for 100 ms, which a cluster under its first load rarely
    /// gives it). Tiered compilation off and quick JIT off alone were measured before and lost to the last
    /// (docs/benchmarks.md).
    /// </summary>
    public static readonly IReadOnlyList<(string Name, IReadOnlyDictionary<string, string?> Environment)> Variants =
    [
        ("as built (dynamic PGO off)", new Dictionary<string, string?>()),
        ("runtime defaults (dynamic PGO on)", new Dictionary<string, string?> { ["DOTNET_TieredPGO"] = "1" }),
        ("quick JIT off, tier-up at once", new Dictionary<string, string?> { ["DOTNET_TC_QuickJit"] = "0", ["DOTNET_TC_CallCountingDelayMs"] = "0" }),
    ];

    private const int Shards = 8;
    private static readonly TimeSpan[] Marks = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(90)];

    public static async Task<string> RunAsync(PostgresServer server, int runs, int recipients)
    {
        var results = Variants.ToDictionary(v => v.Name, _ => new List<double[]>());
        var table = new StringBuilder();
        table.AppendLine("| variant | run | start (s) | first 10 s | first 30 s | first 60 s | warm (60–90 s) | first 30 s / warm |");
        table.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (var run = 1; run <= runs; run++)
        {
            foreach (var (name, environment) in Variants)
            {
                var rates = await MeasureAsync(server, environment, recipients);
                results[name].Add(rates);
                await Console.Error.WriteLineAsync($"  {name}, run {run}: started in {rates[0]:0.0} s, {string.Join(", ", rates.Skip(1).Select(r => r.ToString("0", CultureInfo.InvariantCulture)))} msg/s");
                table.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {run} | {rates[0]:0.0} | {rates[1]:0} | {rates[2]:0} | {rates[3]:0} | {rates[4]:0} | {rates[2] / rates[4]:0%} |");
            }
        }

        foreach (var (name, _) in Variants)
        {
            var median = Enumerable.Range(0, Marks.Length + 1).Select(i => Benchmarks.Median(results[name].Select(r => r[i]))).ToArray();
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| **{name}** | **median** | **{median[0]:0.0}** | **{median[1]:0}** | **{median[2]:0}** | **{median[3]:0}** | **{median[4]:0}** | **{Benchmarks.Median(results[name].Select(r => r[2] / r[4])):0%}** |");
        }

        return table.ToString();
    }

    /// <summary>
    /// Seconds from the first process started to every shard's session, then delivered msg/s in the first 10, 30
    /// and 60 s of the load and in the 30 s after.
    /// </summary>
    private static async Task<double[]> MeasureAsync(PostgresServer server, IReadOnlyDictionary<string, string?> environment, int recipients)
    {
        var starting = Stopwatch.StartNew();
        await using var bench = await Benchmarks.StartAsync(server, simulatorSettings: null, environment: environment);
        var (cluster, gateway, token, _) = bench;
        var phone = await cluster.RegisterAccountAsync(gateway, token, Shards);
        await Benchmarks.SessionsAsync(cluster, phone, Shards, TimeSpan.FromSeconds(60));

        var started = starting.Elapsed.TotalSeconds;
        var delivered = new List<long>();
        var clock = Stopwatch.StartNew();
        var load = MessageLoad.RunAsync(gateway.Http.BaseAddress!, token, MessageLoad.NewRecipients(recipients), int.MaxValue, Marks[^1]);
        foreach (var mark in Marks)
        {
            if (mark > clock.Elapsed)
            {
                await Task.Delay(mark - clock.Elapsed);
            }

            delivered.Add((await cluster.Simulator!.CountersAsync(phone)).GetValueOrDefault("delivered"));
        }

        await load;
        return [started, delivered[0] / 10.0, delivered[1] / 30.0, delivered[2] / 60.0, (delivered[3] - delivered[2]) / 30.0];
    }
}
