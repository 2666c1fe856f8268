using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Multiconnect.Harness;

/// <summary>
/// One failover, measured from outside as a user sees it: signal the process that owns shard 0,
/// then time how long until shard 0 answers through the gateway from a new owner (new epoch),
/// while another caller keeps asking shard 1 and counts its failures, and count the copies of
/// unanswered calls the gateway sent meanwhile (for either shard).
/// </summary>
public sealed record FailoverRun(
    string Signal, string Victim, string NewOwner, TimeSpan LeaseMoved, TimeSpan Serving, int Shard1Calls, int Shard1Failures, TimeSpan Shard1SlowestCall,
    long CallCopies)
{
    public static async Task<FailoverRun> MeasureAsync(LocalCluster cluster, GatewayNode gateway, string token, string signal, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(gateway);
        var before = await gateway.GetJsonAsync("/v1/shards/0", token);
        var victim = before.GetProperty("node").GetString()!.Split(':')[^1];
        var epoch = before.GetProperty("epoch").GetInt64();

        var copiesBefore = await CallCopiesAsync(gateway);
        using var stop = new CancellationTokenSource();
        var shard1 = KeepCallingAsync(gateway, token, "/v1/shards/1", stop.Token);
        var clock = Stopwatch.StartNew();
        await cluster.CoreApp(victim).SignalAsync(signal);

        // No request for shard 0 is made until its lease has moved: the cluster must do it alone.
        var newOwner = await Eventually.Get(
            async () => (await cluster.LeasesAsync()).TryGetValue(0, out var lease) && lease.Epoch > epoch && lease.Owner != victim ? lease.Owner : null, "shard 0's lease to move to another CoreApp", timeout);
        var leaseMoved = clock.Elapsed;
        await Eventually.True(async () =>
        {
            var now = await gateway.GetJsonAsync("/v1/shards/0", token);
            return now.GetProperty("epoch").GetInt64() > epoch;
        }, "shard 0 to answer from its new owner", timeout);
        var serving = clock.Elapsed;

        await stop.CancelAsync();
        var (calls, failures, slowest) = await shard1;
        return new FailoverRun(signal, victim, newOwner, leaseMoved, serving, calls, failures, slowest, await CallCopiesAsync(gateway) - copiesBefore);
    }

    /// <summary>The gateway's count of copies of unanswered shard calls (its management port's scrape; 0 before the first).</summary>
    internal static async Task<long> CallCopiesAsync(GatewayNode gateway)
    {
        if (gateway.Process.ManagementUrl is not { } management)
        {
            return 0;
        }

        const string name = "multiconnect_shard_call_copies_total";
        var scrape = await gateway.Http.GetStringAsync(new Uri(management, "/metrics"));
        return scrape.Split('\n')
            .Where(line => line.StartsWith(name, StringComparison.Ordinal))
            .Select(line => line[(line.Contains('}', StringComparison.Ordinal) ? line.LastIndexOf('}') + 1 : name.Length)..])
            .Sum(valueAndTime => (long)double.Parse(valueAndTime.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture));
    }

    internal static async Task<(int Calls, int Failures, TimeSpan Slowest)> KeepCallingAsync(GatewayNode gateway, string token, string path, CancellationToken stop)
    {
        var (calls, failures, slowest) = (0, 0, TimeSpan.Zero);
        while (!stop.IsCancellationRequested)
        {
            calls++;
            var started = Stopwatch.GetTimestamp();
            try
            {
                await gateway.GetJsonAsync(path, token, CancellationToken.None);
                slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, Stopwatch.GetElapsedTime(started).Ticks));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                failures++;
            }

            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return (calls, failures, slowest);
    }
}
