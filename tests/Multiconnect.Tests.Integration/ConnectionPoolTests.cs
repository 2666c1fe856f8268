using System.Net;
using Multiconnect.Tests.Integration.Infrastructure;
using Multiconnect.Testing;

namespace Multiconnect.Tests.Integration;

[Collection(PostgresCollection.Name)]
public sealed class ConnectionPoolTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Under_load_no_process_holds_more_connections_than_its_configured_pool()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        await cluster.StartCoreAppAsync("coreapp-a", maxPoolSize: 3);
        await cluster.StartCoreAppAsync("coreapp-b", maxPoolSize: 3);
        // All 32 callers' logins wait for their password check rather than some being refused 503 (1016)
        // beyond the default queue: this test is about the pools, not the cap on hashing.
        var gateway = await cluster.StartGatewayAsync("gateway-1", maxPoolSize: 2, settings: new Dictionary<string, string?> { ["Multiconnect__Auth__PasswordHashQueue"] = "32" });
        var token = await gateway.LoginAsync();
        using var stop = new CancellationTokenSource();
        var sampler = ConnectionPeaks.SampleAsync(cluster.ConnectionString, TimeSpan.FromMilliseconds(10), stop.Token);

        // 32 callers at once: shard-map writes and reads (grain storage), logins (token inserts), and
        // first uses of fresh tokens (token lookups), all competing for the pools.
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async caller =>
        {
            for (var i = 0; i < 15; i++)
            {
                var fresh = await gateway.LoginAsync();
                using var set = await gateway.SetShardCountAsync(fresh, (caller + i) % 2 == 0 ? 2 : 4);
                using var get = await gateway.SendAsync(HttpMethod.Get, "/v1/account/shards", token);
                if (set.StatusCode != HttpStatusCode.Created || get.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        await stop.CancelAsync();
        var peaks = await sampler;

        Assert.Equal(0, failures);
        Assert.InRange(peaks.GetValueOrDefault("multiconnect-coreapp-a"), 1, 3);
        Assert.InRange(peaks.GetValueOrDefault("multiconnect-coreapp-b"), 1, 3);
        Assert.InRange(peaks.GetValueOrDefault("multiconnect-gateway-1"), 1, 2);
    }
}
