using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Multiconnect.Harness;

namespace Multiconnect.Cli.Bench;

/// <summary>
/// `./mc bench [--quick]`: every benchmark on fresh clusters of real processes (a private PostgreSQL,
/// the simulator, 3 CoreApps, a gateway; a new cluster for each shard count, so that no run inherits
/// another's backlog or account), printed as markdown tables for docs/benchmarks.md, each with the
/// command, the machine, the date and the median of its runs.
/// </summary>
internal static class Benchmarks
{
    /// <param name="Warmup">
    /// A run nobody counts on each fresh cluster. A new cluster at full load speeds up for about a minute
    /// (JIT tiering, pools, PostgreSQL's caches and statistics): 8 shards measured 1,095, 2,373, then
    /// 2,800–3,100 msg/s in successive 20 s runs; a minute of it takes most of that away.
    /// </param>
    public sealed record Options(int Runs, TimeSpan Duration, TimeSpan Warmup, int Recipients, int SessionCap, IReadOnlyList<int> ScalingShards, IReadOnlyList<int> MaxShards, int FailoverRuns, int ReshardingRuns, int StartupRuns, IReadOnlyList<int> ScaleShards)
    {
        public static readonly Options Full = new(3, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60), 400, 250, [1, 2, 4, 8], [2, 8], 5, 3, 3, [16, 32]);

        /// <summary>A smoke run: every table, one short run each (the first minute of a fresh cluster is not shortened, so it is left out).</summary>
        public static readonly Options Quick = new(1, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), 200, 250, [1, 2], [2], 1, 1, 0, [4]);
    }

    private const int CoreAppPoolSize = 8;
    private const int GatewayPoolSize = 4;

    /// <summary>A cluster for a benchmark: the simulator, CoreApps (3 unless said) and a gateway with an admin token.</summary>
    internal sealed record BenchCluster(LocalCluster Cluster, GatewayNode Gateway, string Token, IReadOnlyList<NodeProcess> CoreApps) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Cluster.DisposeAsync();
    }

    /// <summary>The tables `--only` can pick.</summary>
    public static readonly string[] Tables = ["scaling", "maximum", "startup", "scale", "failover", "resharding", "media"];

    public static async Task<int> RunAsync(bool quick, string? only)
    {
        var options = quick ? Options.Quick : Options.Full;
        var command = "./mc bench" + (quick ? " --quick" : "") + (only is null ? "" : $" --only {only}");
        bool Runs(string table) => only is null || only == table;
        await using var server = await PostgresServer.StartAsync(countStatements: true);
        var about = $"Command: `{command}` · machine: {await MachineAsync(server)} · date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC";
        var report = new StringBuilder();

        if (Runs("scaling"))
        {
            Progress("multiconnect scaling, simulator cap on");
            report.AppendLine(CultureInfo.InvariantCulture, $"### Throughput by shard count, upstream capped at {options.SessionCap} msg/s per session\n");
            report.AppendLine(CultureInfo.InvariantCulture, $"{about} · median of {options.Runs} runs of {options.Duration.TotalSeconds:0} s after a {options.Warmup.TotalSeconds:0} s warm-up, offered load 1.5 × cap × shards, {options.Recipients} recipients\n");
            report.AppendLine(await ScalingAsync(server, options));
        }

        if (Runs("maximum"))
        {
            Progress("maximum durable throughput, cap off");
            report.AppendLine("### Maximum durable throughput, upstream uncapped\n");
            report.AppendLine(CultureInfo.InvariantCulture, $"{about} · median of {options.Runs} runs of {options.Duration.TotalSeconds:0} s after a {options.Warmup.TotalSeconds:0} s warm-up, {options.Recipients} callers each sending its next message once the last was accepted\n");
            var (maximum, connections, reference, statements) = await MaximumAsync(server, options);
            report.AppendLine(maximum);

            report.AppendLine("### PostgreSQL's work per message under the maximum load\n");
            report.AppendLine(CultureInfo.InvariantCulture, $"{about} · pg_stat_statements over the runs above, from the start of each run's load until the simulator had every message it accepted, per accepted message; the statements with the most execution time, then all of them\n");
            report.AppendLine(statements);

            report.AppendLine("### The accept path alone, the reference for the limit\n");
            report.AppendLine(CultureInfo.InvariantCulture, $"{about} · the same load against the accept path alone (POST, the gateway's validation, the shards' group commit into the message log, 201; no Orleans, no delivery; in the bench's process, on its own database of the same PostgreSQL), median of {options.Runs} runs of {options.Duration.TotalSeconds:0} s after a {options.Warmup.TotalSeconds:0} s warm-up\n");
            report.AppendLine(reference);

            report.AppendLine("### PostgreSQL connections per process under the maximum load\n");
            report.AppendLine(CultureInfo.InvariantCulture, $"{about} · peak of pg_stat_activity sampled every 50 ms during all the runs above\n");
            report.AppendLine(connections);
        }

        if (Runs("startup") && options.StartupRuns > 0)
        {
            Progress("the first minute of a fresh cluster");
            report.AppendLine("### The first minute of a fresh cluster\n");
            report.AppendLine(CultureInfo.InvariantCulture, $"{about} · {options.StartupRuns} runs of each variant, alternating, each on a fresh cluster (3 CoreApps, 8 shards, upstream uncapped); start: seconds from the first process started to every shard's session; then delivered msg/s from the start of `load --max` with {options.Recipients} callers\n");
            report.AppendLine(await StartupBenchmark.RunAsync(server, options.StartupRuns, options.Recipients));
        }

        if (Runs("scale"))
        {
            Progress("16 and 32 shards, simulator cap on");
            report.AppendLine("### Many shards: N shards on N + 1 CoreApps\n");
            report.AppendLine(CultureInfo.InvariantCulture, $"{about} · upstream capped at {ScaleBenchmark.SessionCap} msg/s per session, offered 1.5 × cap × shards by {options.Recipients} recipients; median of {options.Runs} runs of {options.Duration.TotalSeconds:0} s after a {options.Warmup.TotalSeconds:0} s warm-up; CoreApps with a pool of 2, the gateway 4; then {options.Runs} crashes (SIGKILL) of shard 0's CoreApp\n");
            report.AppendLine(await ScaleBenchmark.RunAsync(server, options));
        }

        if (Runs("failover"))
        {
            Progress("failover");
            report.AppendLine("### Failover of a shard: crash (SIGKILL) and hang (SIGSTOP) of its CoreApp\n");
            report.AppendLine(CultureInfo.InvariantCulture, $"{about} · {options.FailoverRuns} runs of each, 3 CoreApps, 2 shards; seconds from the signal\n");
            report.AppendLine(await FailoverBenchmark.RunAsync(server, options.FailoverRuns));
        }

        if (Runs("resharding"))
        {
            Progress("resharding under load");
            report.AppendLine("### Changing the shard count under load\n");
            report.AppendLine(CultureInfo.InvariantCulture, $"{about} · {options.ReshardingRuns} runs of each change, a fresh cluster each, 400 msg/s to 300 recipients, upstream uncapped; seconds from the POST\n");
            report.AppendLine(await ReshardingBenchmark.RunAsync(server, options.ReshardingRuns));
        }

        if (Runs("media"))
        {
            Progress("media storage");
            report.AppendLine("### Media storage: chunked rows or large objects\n");
            report.AppendLine(CultureInfo.InvariantCulture, $"{about} · {options.Runs} runs of each way and size, alternating, on the private PostgreSQL (fsync and synchronous commit on); MB = 1,048,576 bytes\n");
            report.AppendLine(await MediaBenchmark.RunAsync(server, options.Runs));
        }

        Console.WriteLine(report.ToString());
        return 0;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task<string> ScalingAsync(PostgresServer server, Options options)
    {
        var table = new StringBuilder();
        table.AppendLine("| shards | cap × shards (msg/s) | delivered msg/s, each run | **median delivered msg/s** | median p50 / p99 ms | errors | out of order |");
        table.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var shards in options.ScalingShards)
        {
            await using var cluster = await StartAsync(server, new Dictionary<string, string> { ["SessionMessagesPerSecond"] = Text(options.SessionCap) });
            var runs = await RunsAsync(cluster, shards, options, rate: 1.5 * options.SessionCap * shards);
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {shards} | {options.SessionCap * shards} | {string.Join(", ", runs.Select(r => r.DeliveredRate.ToString("0", CultureInfo.InvariantCulture)))} | **{Median(runs.Select(r => r.DeliveredRate)):0}** | {Median(runs.Select(r => r.Load.P50Ms)):0.0} / {Median(runs.Select(r => r.Load.P99Ms)):0.0} | {Errors(runs)} | {runs.Sum(r => r.OutOfOrder)} |");
        }

        return table.ToString();
    }

    private static async Task<(string Throughput, string Connections, string Reference, string Statements)> MaximumAsync(PostgresServer server, Options options)
    {
        var statements = new StringBuilder();
        var reference = new StringBuilder();
        reference.AppendLine("| shards | accept path alone, msg/s each run | **median msg/s** | median p50 / p99 ms | end to end (median above) | end to end / accept path |");
        reference.AppendLine("| --- | --- | --- | --- | --- | --- |");
        var table = new StringBuilder();
        table.AppendLine($"| shards | run | accepted | msg/s | p50 ms | p99 ms | errors | out of order | duplicates | CPU µs per message: {string.Join(" / ", ThroughputRun.CpuGroups)} |");
        table.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        var all = new List<ThroughputRun>();
        foreach (var shards in options.MaxShards)
        {
            await using var cluster = await StartAsync(server, null);
            var runs = await RunsAsync(cluster, shards, options, rate: null);
            all.AddRange(runs);
            var number = 0;
            foreach (var run in runs)
            {
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"| {shards} | {++number} | {run.Load.Accepted} | {run.Load.Rate:0} | {run.Load.P50Ms:0.0} | {run.Load.P99Ms:0.0} | {Errors([run])} | {run.OutOfOrder} | {run.Duplicates} | {string.Join(" / ", run.CpuMicrosPerMessage.Select(c => c.ToString("0", CultureInfo.InvariantCulture)))} |");
            }

            table.AppendLine(CultureInfo.InvariantCulture,
                $"| **{shards}** | **median** | | **{Median(runs.Select(r => r.Load.Rate)):0}** | {Median(runs.Select(r => r.Load.P50Ms)):0.0} | {Median(runs.Select(r => r.Load.P99Ms)):0.0} | | | | |");
            statements.AppendLine(StatementsPerMessage(shards, runs));

            var accepts = await AcceptPathRunsAsync(server, shards, options);
            var (endToEnd, alone) = (Median(runs.Select(r => r.Load.Rate)), Median(accepts.Select(r => r.Rate)));
            reference.AppendLine(CultureInfo.InvariantCulture,
                $"| {shards} | {string.Join(", ", accepts.Select(r => r.Rate.ToString("0", CultureInfo.InvariantCulture)))} | **{alone:0}** | {Median(accepts.Select(r => r.P50Ms)):0.0} / {Median(accepts.Select(r => r.P99Ms)):0.0} | {endToEnd:0} | {endToEnd / alone:0%} |");
        }

        var connections = new StringBuilder();
        connections.AppendLine("| process (application_name) | configured MaxPoolSize | peak connections |");
        connections.AppendLine("| --- | --- | --- |");
        foreach (var name in all.SelectMany(r => r.PeakConnections.Keys).Where(n => n.StartsWith("multiconnect-", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal))
        {
            var pool = name.Contains("gateway", StringComparison.Ordinal) ? GatewayPoolSize : CoreAppPoolSize;
            connections.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {pool} | {all.Max(r => r.PeakConnections.GetValueOrDefault(name))} |");
        }

        return (table.ToString(), connections.ToString(), reference.ToString(), statements.ToString());
    }

    /// <summary>The statements of <paramref name="runs"/> summed by query, per accepted message: the ten with the most time, then the total.</summary>
    private static string StatementsPerMessage(int shards, IReadOnlyList<ThroughputRun> runs)
    {
        double messages = runs.Sum(r => r.Load.Accepted);
        var byQuery = runs.SelectMany(r => r.Statements).GroupBy(s => s.Query)
            .Select(g => new StatementWork(g.Key, g.Sum(s => s.Calls), g.Sum(s => s.Rows), g.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.ExecutionTime), g.Sum(s => s.WalBytes)))
            .OrderByDescending(s => s.ExecutionTime)
            .ToList();
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{shards} shards, {messages:0} messages:\n");
        table.AppendLine("| statement | calls per 1,000 messages | rows per message | execution µs per message | WAL bytes per message |");
        table.AppendLine("| --- | --- | --- | --- | --- |");
        string Row(string query, double calls, double rows, TimeSpan time, double wal) => string.Create(CultureInfo.InvariantCulture,
            $"| {query} | {calls * 1000 / messages:0.0} | {rows / messages:0.00} | {time.TotalMicroseconds / messages:0.0} | {wal / messages:0} |");
        foreach (var statement in byQuery.Take(10))
        {
            var query = statement.Query.Length > 100 ? statement.Query[..100] + "…" : statement.Query;
            table.AppendLine(Row($"`{query.Replace("|", "\\|", StringComparison.Ordinal)}`", statement.Calls, statement.Rows, statement.ExecutionTime, statement.WalBytes));
        }

        table.AppendLine(Row($"**all {byQuery.Count} statements**", byQuery.Sum(s => s.Calls), byQuery.Sum(s => s.Rows),
            byQuery.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.ExecutionTime), byQuery.Sum(s => s.WalBytes)));
        return table.ToString();
    }

    /// <summary>The maximum load's runs against <see cref="AcceptReference"/> with <paramref name="shards"/> shards, after the same warm-up.</summary>
    private static async Task<List<LoadResult>> AcceptPathRunsAsync(PostgresServer server, int shards, Options options)
    {
        await using var reference = await AcceptReference.StartAsync(server, shards);
        await MessageLoad.RunAsync(reference.Address, reference.Token, MessageLoad.NewRecipients(options.Recipients), int.MaxValue, options.Warmup);
        var runs = new List<LoadResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var result = await MessageLoad.RunAsync(reference.Address, reference.Token, MessageLoad.NewRecipients(options.Recipients), int.MaxValue, options.Duration);
            await Console.Error.WriteLineAsync($"  accept path alone, {shards} shards, run {run}: {result.Rate:0} msg/s accepted {string.Join(' ', result.Errors.Select(e => $"{e.Key}:{e.Value}"))}");
            runs.Add(result);
        }

        return runs;
    }

    /// <summary>
    /// A fresh cluster: CoreApps named coreapp-a, coreapp-b, … each with a pool of <paramref name="coreAppPoolSize"/>;
    /// <paramref name="environment"/> is added to the CoreApps' and the gateway's. A cluster that fails to start is
    /// stopped before the failure is thrown, so that its processes do not outlive the benchmark.
    /// </summary>
    internal static async Task<BenchCluster> StartAsync(
        PostgresServer server, IReadOnlyDictionary<string, string>? simulatorSettings, int coreApps = 3, int coreAppPoolSize = CoreAppPoolSize,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var cluster = await LocalCluster.CreateAsync(server);
        try
        {
            await cluster.StartSimulatorAsync(simulatorSettings);
            var started = new List<NodeProcess>();
            for (var i = 0; i < coreApps; i++)
            {
                started.Add(await cluster.StartCoreAppAsync(CoreAppName(i), coreAppPoolSize, environment));
            }

            var gateway = await cluster.StartGatewayAsync("gateway-1", GatewayPoolSize, settings: environment);
            return new BenchCluster(cluster, gateway, await gateway.LoginAsync(), started);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until each of <paramref name="phone"/>'s <paramref name="shards"/> shards has its session on the simulator.</summary>
    internal static Task SessionsAsync(LocalCluster cluster, string phone, int shards, TimeSpan timeout) =>
        Eventually.True(
            async () => (await cluster.Simulator!.NumberAsync(phone)).GetProperty("shards").EnumerateArray().Count(s => s.GetProperty("session").ValueKind == JsonValueKind.Object) == shards,
            $"all {shards} shards to have their upstream session", timeout);

    /// <summary>coreapp-a … coreapp-z, then coreapp-aa, coreapp-ab, …</summary>
    private static string CoreAppName(int i) =>
        "coreapp-" + (i < 26 ? $"{(char)('a' + i)}" : $"{(char)('a' + (i / 26) - 1)}{(char)('a' + (i % 26))}");

    private static async Task<List<ThroughputRun>> RunsAsync(BenchCluster bench, int shards, Options options, double? rate)
    {
        var (cluster, gateway, token, coreApps) = bench;
        var phone = await cluster.RegisterAccountAsync(gateway, token, shards);
        await SessionsAsync(cluster, phone, shards, TimeSpan.FromSeconds(60));
        await ThroughputRun.MeasureAsync(cluster, gateway, token, phone, coreApps, options.Warmup, options.Recipients, rate);
        var runs = new List<ThroughputRun>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var result = await ThroughputRun.MeasureAsync(cluster, gateway, token, phone, coreApps, options.Duration, options.Recipients, rate);
            await Console.Error.WriteLineAsync($"  {shards} shards, run {run}: {result.Load.Rate:0} msg/s accepted, {result.DeliveredRate:0} msg/s delivered");
            runs.Add(result);
        }

        return runs;
    }

    private static string Errors(IEnumerable<ThroughputRun> runs) => string.Join(' ', runs
        .SelectMany(r => r.Load.Errors)
        .GroupBy(e => e.Key)
        .Select(g => $"{g.Key}:{g.Sum(e => e.Value)}"));

    private static async Task<string> MachineAsync(PostgresServer server)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memoryKb = long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        var os = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription;
        await using var database = Npgsql.NpgsqlDataSource.Create(server.ConnectionString("postgres"));
        await using var version = database.CreateCommand("SHOW server_version");
        var postgres = ((string)(await version.ExecuteScalarAsync())!).Split(' ')[0];
        return $"{Environment.ProcessorCount} × {cpu}, {memoryKb / 1024 / 1024.0:0} GB, {os}, {RuntimeInformation.FrameworkDescription}, PostgreSQL {postgres}";
    }

    private static void Progress(string what) => Console.Error.WriteLine($"{DateTimeOffset.Now:HH:mm:ss} {what}…");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
