using System.Diagnostics;
using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration;

[Collection(PostgresCollection.Name)]
public sealed class CpuSaturationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task No_coreapp_is_declared_dead_during_a_minute_of_saturated_cpu()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token) = await ShardPlacementTests.StartAsync(cluster, coreApps: 3, shards: 2);
        var leases = await cluster.LeasesAsync();

        // Two busy loops per core, plus callers keeping the gateway and the shards busy, for 60 s.
        var burners = Enumerable.Range(0, 2 * Environment.ProcessorCount)
            .Select(_ => Process.Start("sh", ["-c", "while :; do :; done"]))
            .ToList();
        var calls = 0;
        try
        {
            using var minute = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async caller =>
            {
                while (!minute.IsCancellationRequested)
                {
                    try
                    {
                        await gateway.GetJsonAsync(caller % 2 == 0 ? "/v1/health" : $"/v1/shards/{caller % 4 / 2}", token, minute.Token);
                        Interlocked.Increment(ref calls);
                    }
                    catch (OperationCanceledException) when (minute.IsCancellationRequested)
                    {
                    }
                }
            }));
        }
        finally
        {
            foreach (var burner in burners)
            {
                burner.Kill();
                burner.Dispose();
            }
        }

        Assert.True(calls > 100, $"only {calls} calls completed");
        Assert.DoesNotContain(await cluster.MembershipAsync(), silo => silo.Status != 3);
        Assert.Equal(leases, await cluster.LeasesAsync());
    }
}
