using System.Net;
using System.Text.Json;
using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration;

[Collection(PostgresCollection.Name)]
public sealed class ShardPlacementTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Two_shards_on_three_coreapps_get_a_coreapp_each_and_health_shows_the_spare()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token) = await StartAsync(cluster, coreApps: 3, shards: 2);

        var health = (await Eventually.Get(async () =>
        {
            var body = await gateway.GetJsonAsync("/v1/health", token);
            return body.GetProperty("shard_map").GetProperty("spares").GetInt32() == 1 ? body : (JsonElement?)null;
        }, "health to show one spare", TimeSpan.FromSeconds(30))).GetValueOrDefault();

        var nodes = health.GetProperty("health").EnumerateObject().ToDictionary(n => n.Name, n => n.Value);
        var coreApps = nodes.Where(n => n.Value.GetProperty("role").GetString() != "gateway").ToList();
        Assert.Equal(3, coreApps.Count);
        Assert.Single(nodes, n => n.Value.GetProperty("role").GetString() == "gateway");
        Assert.Single(coreApps, n => n.Value.GetProperty("role").GetString() == "primary_master");
        var hosted = coreApps.Select(n => n.Value.GetProperty("shards").EnumerateArray().Select(s => s.GetInt32()).ToList()).ToList();
        Assert.Equal([0, 1], hosted.SelectMany(s => s).Order());
        Assert.Equal([0, 1, 1], hosted.Select(s => s.Count).Order());
        var spare = coreApps.Single(n => n.Value.GetProperty("shards").GetArrayLength() == 0);
        Assert.Equal("disconnected", spare.Value.GetProperty("gateway_status").GetString());
        Assert.False(health.GetProperty("shard_map").GetProperty("degraded").GetBoolean());

        // The shard map agrees, and so does the lease table.
        var map = await gateway.GetJsonAsync("/v1/shards", token);
        var placements = map.GetProperty("placements").EnumerateArray().ToList();
        Assert.Equal(2, placements.Select(p => p.GetProperty("node").GetString()).Distinct().Count());
        var leases = await cluster.LeasesAsync();
        Assert.Equal([0, 1], leases.Keys.Order());
        Assert.NotEqual(leases[0].Owner, leases[1].Owner);
    }

    [Fact]
    public async Task More_shards_than_coreapps_is_allowed_reported_degraded_and_evened_out_when_a_coreapp_joins()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token) = await StartAsync(cluster, coreApps: 2, shards: 4);

        var health = await gateway.GetJsonAsync("/v1/health", token);
        Assert.True(health.GetProperty("shard_map").GetProperty("degraded").GetBoolean());
        Assert.Equal(0, health.GetProperty("shard_map").GetProperty("spares").GetInt32());
        Assert.Equal([2, 2], (await cluster.LeasesAsync()).Values.GroupBy(l => l.Owner).Select(g => g.Count()).Order());

        await cluster.StartCoreAppAsync("coreapp-c");

        // No CoreApp may host two shards while another hosts none: the master moves one over.
        await Eventually.True(
            async () => (await cluster.LeasesAsync()).Values.Select(l => l.Owner).Distinct().Count() == 3, "a shard to move to the new CoreApp", TimeSpan.FromSeconds(30));
        Assert.Equal([0, 1, 2, 3], (await cluster.LeasesAsync()).Keys.Order());
    }

    [Fact]
    public async Task Changing_the_count_starts_new_shards_and_stops_removed_ones()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token) = await StartAsync(cluster, coreApps: 3, shards: 2);

        using (var grown = await gateway.SetShardCountAsync(token, 4))
        {
            Assert.Equal(HttpStatusCode.Created, grown.StatusCode);
        }

        Assert.Equal([0, 1, 2, 3], (await cluster.LeasesAsync()).Keys.Order());

        using (var shrunk = await gateway.SetShardCountAsync(token, 1))
        {
            Assert.Equal(HttpStatusCode.Created, shrunk.StatusCode);
        }

        // The removed shards deliver what they hold, then give up their leases.
        await Eventually.True(async () => (await cluster.LeasesAsync()).Keys.SequenceEqual([0]), "the removed shards to retire", TimeSpan.FromSeconds(30));
        using var removed = await gateway.SendAsync(HttpMethod.Get, "/v1/shards/1", token);
        Assert.Equal(HttpStatusCode.BadRequest, removed.StatusCode);
    }

    internal static async Task<(GatewayNode Gateway, string Token)> StartAsync(LocalCluster cluster, int coreApps, int shards)
    {
        for (var i = 0; i < coreApps; i++)
        {
            await cluster.StartCoreAppAsync($"coreapp-{(char)('a' + i)}");
        }

        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();
        using var set = await gateway.SetShardCountAsync(token, shards);
        Assert.Equal(HttpStatusCode.Created, set.StatusCode);
        await Eventually.True(async () => (await cluster.LeasesAsync()).Count == shards, $"{shards} shards to be active", TimeSpan.FromSeconds(30));
        return (gateway, token);
    }
}
