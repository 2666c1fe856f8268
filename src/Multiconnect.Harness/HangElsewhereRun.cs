using System.Diagnostics;

namespace Multiconnect.Harness;

/// <summary>
/// A hang of a CoreApp that owns no shard, measured from the shards' side: SIGSTOP the spare, and until
/// the membership table declares it dead, ask every shard through the gateway every 50 ms. The gateway's
/// client sends each shard's calls through the client port of the CoreApp its bucket picked at its first
/// call, which may be the stopped one if that came after the spare joined: then only the copies of an
/// unanswered call (ShardCaller) keep that shard answering. The victim is left stopped; the caller
/// resumes and restarts it.
/// </summary>
public sealed record HangElsewhereRun(string Victim, TimeSpan DeclaredDead, int Calls, int Failures, TimeSpan SlowestCall, long CallCopies)
{
    /// <summary>Orleans' <c>SiloStatus.Dead</c> in the membership table.</summary>
    private const int Dead = 6;

    public static async Task<HangElsewhereRun> MeasureAsync(LocalCluster cluster, GatewayNode gateway, string token, int shards, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(gateway);
        // A gateway in service has read the shard map and called each shard before: so has this one.
        for (var shard = 0; shard < shards; shard++)
        {
            await gateway.GetJsonAsync($"/v1/shards/{shard}", token);
        }

        var owners = (await cluster.LeasesAsync()).Values.Select(lease => lease.Owner).ToHashSet();
        var victim = cluster.CoreApps.First(coreApp => !coreApp.HasExited && !owners.Contains(coreApp.Name));
        var deadBefore = await DeathsAsync(cluster, victim.Name);
        var copiesBefore = await FailoverRun.CallCopiesAsync(gateway);

        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, shards).Select(shard => FailoverRun.KeepCallingAsync(gateway, token, $"/v1/shards/{shard}", stop.Token)).ToList();
        var clock = Stopwatch.StartNew();
        await victim.SignalAsync("STOP");
        await Eventually.True(async () => await DeathsAsync(cluster, victim.Name) > deadBefore, $"{victim.Name} to be declared dead", timeout);
        var declaredDead = clock.Elapsed;

        await stop.CancelAsync();
        var calls = await Task.WhenAll(callers);
        return new HangElsewhereRun(victim.Name, declaredDead, calls.Sum(c => c.Calls), calls.Sum(c => c.Failures),
            calls.Max(c => c.Slowest), await FailoverRun.CallCopiesAsync(gateway) - copiesBefore);
    }

    private static async Task<int> DeathsAsync(LocalCluster cluster, string coreApp) =>
        (await cluster.MembershipAsync()).Count(row => row.SiloName == coreApp && row.Status == Dead);
}
