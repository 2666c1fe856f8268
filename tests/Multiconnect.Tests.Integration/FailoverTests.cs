using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// Failover with real processes killed by signal. Bounds are loose (15 s) so they never flake; the
/// medians are measured by the benchmark (docs/benchmarks.md).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FailoverTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task After_kill_9_of_its_coreapp_a_shard_comes_back_on_the_spare_while_the_other_shard_keeps_serving()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token) = await ShardPlacementTests.StartAsync(cluster, coreApps: 3, shards: 2);
        var shard1Owner = (await cluster.LeasesAsync())[1].Owner;

        var run = await FailoverRun.MeasureAsync(cluster, gateway, token, "KILL", Bound);

        Assert.NotEqual(shard1Owner, run.NewOwner);
        Assert.InRange(run.Serving, TimeSpan.Zero, Bound);
        Assert.True(run.Shard1Calls > 0);
        Assert.Equal(0, run.Shard1Failures);
        Assert.Equal(shard1Owner, (await cluster.LeasesAsync())[1].Owner);

        // The new owner counts the takeover; the owner of shard 1 saw none.
        using var newOwner = new HttpClient { BaseAddress = cluster.CoreApp(run.NewOwner).ManagementUrl };
        Assert.Equal(1, (await PrometheusScrape.GetAsync(newOwner)).Value("multiconnect_failovers_total", ("shard", "0")));
        using var untouched = new HttpClient { BaseAddress = cluster.CoreApp(shard1Owner).ManagementUrl };
        Assert.False((await PrometheusScrape.GetAsync(untouched)).Has("multiconnect_failovers_total"));
    }

    [Fact]
    public async Task When_the_only_active_coreapp_crashes_while_another_is_joining_the_joiner_takes_its_shard_within_seconds()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        await ShardPlacementTests.StartAsync(cluster, coreApps: 1, shards: 1);
        var epoch = (await cluster.LeasesAsync())[0].Epoch;

        // coreapp-b starts joining; coreapp-a dies before b can be active, so no active silo is left to vote
        // a dead. b joins only once a's "I am alive" row is stale (6 s; Orleans' default took a minute),
        // then declares a dead itself and takes the shard.
        await cluster.StartCoreAppAsync("coreapp-b", waitUntilActive: false);
        await cluster.CoreApp("coreapp-a").SignalAsync("KILL");

        var owner = await Eventually.Get(
            async () => (await cluster.LeasesAsync()).TryGetValue(0, out var lease) && lease.Epoch > epoch ? lease.Owner : null,
            "shard 0's lease to move", TimeSpan.FromSeconds(40));
        Assert.Equal("coreapp-b", owner);
    }

    [Fact]
    public async Task A_hung_coreapp_loses_its_shard_to_the_spare_and_once_resumed_is_refused_by_the_fence()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token) = await ShardPlacementTests.StartAsync(cluster, coreApps: 3, shards: 2);
        var staleEpoch = (await cluster.LeasesAsync())[0].Epoch;

        var run = await FailoverRun.MeasureAsync(cluster, gateway, token, "STOP", Bound);
        Assert.InRange(run.Serving, TimeSpan.Zero, Bound);
        Assert.Equal(0, run.Shard1Failures);

        var resumed = cluster.CoreApp(run.Victim);
        await resumed.SignalAsync("CONT");

        // Its shard activation wakes up still believing it owns shard 0: its next renewal is refused by
        // the epoch fence (and recorded), and it stops acting for the shard.
        var refused = await Eventually.Get(
            async () => (await cluster.FenceEventsAsync()).FirstOrDefault(e => e.ShardId == 0 && e.StaleEpoch == staleEpoch) is { StaleSilo: not null } e ? e.StaleSilo : null, "the resumed CoreApp's attempt to be refused", Bound);
        Assert.Contains("127.0.0.1", refused, StringComparison.Ordinal);
        await Eventually.True(
            () => Task.FromResult(resumed.HasExited || resumed.Output.Contains("stops acting and deactivates", StringComparison.Ordinal)), "the resumed activation to deactivate", Bound);
        var lease = (await cluster.LeasesAsync())[0];
        Assert.Equal(run.NewOwner, lease.Owner);
        Assert.True(lease.Epoch > staleEpoch);
    }
}
