using System.Text.Json;
using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// <c>/v1/health</c> as the original reports it: each CoreApp's gateway_status is its shards' upstream
/// sessions (unregistered before a number is set, connected, connecting while the upstream refuses),
/// and the roles name the CoreApp hosting the master and the one that takes it over, which does when
/// the primary is killed.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GatewayStatusTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Health_shows_each_coreapps_session_state_and_the_secondary_master_takes_over_from_a_killed_primary()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var simulator = await cluster.StartSimulatorAsync();
        var coreApps = new List<NodeProcess>();
        foreach (var name in new[] { "coreapp-a", "coreapp-b", "coreapp-c" })
        {
            coreApps.Add(await cluster.StartCoreAppAsync(name)); // in order of age: a is the oldest
        }

        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();

        // No number yet: the one shard waits, unregistered; the master is on the oldest CoreApp, the next oldest follows it.
        var before = await NodesWhen(gateway, token, nodes => nodes.Values.Any(n => n.Status == "unregistered"), "a CoreApp to show unregistered");
        Assert.Equal(("primary_master", "secondary_master", "coreapp"), (before["coreapp-a"].Role, before["coreapp-b"].Role, before["coreapp-c"].Role));

        var phone = await cluster.RegisterAccountAsync(gateway, token, shards: 2);
        var connected = await NodesWhen(gateway, token, nodes => nodes.Values.Count(n => n.Status == "connected") == 2, "both shards' CoreApps to show connected");
        var spare = Assert.Single(connected.Values, n => n.Shards.Count == 0);
        Assert.Equal("disconnected", spare.Status);
        Assert.All(connected.Values.Where(n => n.Shards.Count > 0), n => Assert.Equal("connected", n.Status));

        // The upstream closes every session and refuses new ones for a while: the shards try again, connecting.
        await simulator.PostAdminAsync("/admin/faults/refuse-sessions", new { seconds = 60, number = RunningSimulator.Cc + phone });
        foreach (var shard in new[] { 0, 1 })
        {
            await simulator.PostAdminAsync("/admin/faults/close-session", new { number = RunningSimulator.Cc + phone, shard });
        }

        var refused = await NodesWhen(gateway, token, nodes => nodes.Values.Count(n => n.Status == "connecting") == 2, "both shards' CoreApps to show connecting");
        Assert.Equal("disconnected", Assert.Single(refused.Values, n => n.Shards.Count == 0).Status);

        // The primary dies by SIGKILL: the secondary hosts the master, and the last CoreApp becomes the secondary.
        await coreApps[0].SignalAsync("KILL");
        var after = await NodesWhen(gateway, token, nodes => !nodes.ContainsKey("coreapp-a") && nodes["coreapp-b"].Role == "primary_master", "coreapp-b to host the master");
        Assert.Equal("secondary_master", after["coreapp-c"].Role);
    }

    private sealed record Node(string Status, string Role, IReadOnlyList<int> Shards);

    /// <summary>The CoreApps in /v1/health, by name, once <paramref name="condition"/> holds.</summary>
    private static async Task<Dictionary<string, Node>> NodesWhen(GatewayNode gateway, string token, Func<Dictionary<string, Node>, bool> condition, string what) =>
        (await Eventually.Get(async () =>
        {
            var health = await gateway.GetJsonAsync("/v1/health", token);
            var nodes = health.GetProperty("health").EnumerateObject()
                .Where(node => node.Value.GetProperty("role").GetString() != "gateway")
                .ToDictionary(node => node.Name.Split(':')[^1], node => Read(node.Value));
            return condition(nodes) ? nodes : null;
        }, what, Deadline))!;

    private static Node Read(JsonElement node) => new(
        node.GetProperty("gateway_status").GetString()!,
        node.GetProperty("role").GetString()!,
        [.. node.GetProperty("shards").EnumerateArray().Select(shard => shard.GetInt32())]);
}
