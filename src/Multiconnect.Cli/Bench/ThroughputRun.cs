using System.Diagnostics;
using Multiconnect.Harness;

namespace Multiconnect.Cli.Bench;

/// <summary>
/// One timed load on a cluster's business number: what the client saw (accepted, latency), what
/// reached the simulator in the same time (delivered), the CPU each process group spent per
/// accepted message, the most connections each process held in PostgreSQL meanwhile, and the
/// statements PostgreSQL ran for the cluster from the start of the load until every accepted message
/// was delivered (the server must count them: <see cref="StatementWork"/>).
/// </summary>
internal sealed record ThroughputRun(
    LoadResult Load,
    double DeliveredRate,
    long OutOfOrder,
    long Duplicates,
    IReadOnlyList<double> CpuMicrosPerMessage,
    IReadOnlyDictionary<string, long> PeakConnections,
    IReadOnlyList<StatementWork> Statements)
{
    /// <summary>Loads <paramref name="phone"/>'s shards for <paramref name="duration"/>, then waits until the simulator has every accepted message.</summary>
    public static async Task<ThroughputRun> MeasureAsync(
        LocalCluster cluster, GatewayNode gateway, string token, string phone, IReadOnlyList<NodeProcess> coreApps, TimeSpan duration, int recipients, double? rate)
    {
        var simulator = cluster.Simulator!;
        var before = await simulator.CountersAsync(phone);
        var deliveredBefore = before.GetValueOrDefault("delivered");
        var cpuBefore = Cpu(cluster, gateway, coreApps);
        using var stop = new CancellationTokenSource();
        var peaks = ConnectionPeaks.SampleAsync(cluster.ConnectionString, TimeSpan.FromMilliseconds(50), stop.Token);
        await StatementWork.ResetAsync(cluster.ConnectionString);

        var load = await MessageLoad.RunAsync(gateway.Http.BaseAddress!, token, MessageLoad.NewRecipients(recipients), int.MaxValue, duration, rate);
        var deliveredRate = ((await simulator.CountersAsync(phone)).GetValueOrDefault("delivered") - deliveredBefore) / load.Elapsed.TotalSeconds;
        var cpu = Cpu(cluster, gateway, coreApps).Zip(cpuBefore, (after, before) => (after - before).TotalMicroseconds / Math.Max(1, load.Accepted)).ToList();
        await stop.CancelAsync();

        var total = deliveredBefore + load.Accepted;
        var after = await Eventually.Get(
            async () => await simulator.CountersAsync(phone) is var counters && counters.GetValueOrDefault("delivered") >= total ? counters : null,
            "the simulator to have every accepted message", TimeSpan.FromMinutes(3));
        return new ThroughputRun(
            load,
            deliveredRate,
            after.GetValueOrDefault("out_of_order") - before.GetValueOrDefault("out_of_order"),
            after.GetValueOrDefault("duplicates") - before.GetValueOrDefault("duplicates"),
            cpu,
            await peaks,
            await StatementWork.ReadAsync(cluster.ConnectionString));
    }

    public static readonly string[] CpuGroups = ["gateway", "CoreApps", "PostgreSQL", "simulator", "load"];

    private static TimeSpan[] Cpu(LocalCluster cluster, GatewayNode gateway, IReadOnlyList<NodeProcess> coreApps) =>
    [
        CpuTime.Of(gateway.Process.Pid),
        coreApps.Aggregate(TimeSpan.Zero, (sum, c) => sum + CpuTime.Of(c.Pid)),
        CpuTime.OfUser("postgres"),
        CpuTime.Of(cluster.Simulator!.Process.Pid),
        CpuTime.Of(Environment.ProcessId),
    ];
}
