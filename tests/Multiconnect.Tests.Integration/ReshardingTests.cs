using System.Net;
using System.Text.Json;
using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// Changing the shard count while messages flow, with real processes: nothing accepted is lost,
/// reordered or sent by a shard that did not own its recipient, no unsent row is left on a shard id
/// beyond the count, a gateway that routes by an old generation still lands every send on the right
/// shard, and a change while the master's CoreApp is killed ends with one generation or the other.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReshardingTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>Rows accepted under a known map that sit on a shard that did not own their recipient under it.</summary>
    private const string MisplacedRows = "SELECT count(*) FROM messages_out WHERE shards > 0 AND shard_id <> bucket % shards";

    [Fact]
    public async Task Changes_of_count_under_load_lose_and_reorder_nothing_and_leave_no_unsent_row_beyond_the_count()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        // A slow upstream (30 msg/s per session) makes backlogs: every change finds messages still to deliver.
        await cluster.StartSimulatorAsync(new Dictionary<string, string> { ["SessionMessagesPerSecond"] = "30" });
        foreach (var name in new[] { "coreapp-a", "coreapp-b", "coreapp-c", "coreapp-d" })
        {
            await cluster.StartCoreAppAsync(name);
        }

        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();
        var phone = await cluster.RegisterAccountAsync(gateway, token, shards: 2);
        var load = MessageLoad.RunAsync(gateway.Http.BaseAddress!, token, MessageLoad.NewRecipients(100), perRecipient: 25, rate: 150);
        foreach (var shards in new[] { 8, 2, 4 })
        {
            var accepted = await AcceptedAsync(cluster);
            await Eventually.True(async () => await AcceptedAsync(cluster) >= accepted + 500, "500 more messages to be accepted", Deadline);
            Assert.True(await UnsentAsync(cluster) > 0, "a change should find messages still to deliver");
            using var change = await cluster.ChangeShardCountAsync(gateway, token, shards);
            Assert.Equal(HttpStatusCode.Created, change.StatusCode);
        }

        var result = await load;
        Assert.Equal(2500, result.Accepted);
        Assert.Empty(result.Errors);
        await MessagePipelineTests.AssertAllDeliveredInOrderAsync(cluster.Simulator!, phone, result);
        Assert.Equal(0, await cluster.Simulator!.CounterAsync(phone, "misrouted"));
        Assert.Equal(0, await cluster.ScalarAsync<long>(MisplacedRows));

        // Nothing stranded: every row is marked sent, and the shards beyond the count gave up their leases.
        await Eventually.True(async () => await UnsentAsync(cluster) == 0, "every message to be marked sent", Deadline);
        Assert.Equal(0, await cluster.ScalarAsync<long>("""
            SELECT count(*) FROM messages_out m JOIN shard_maps s USING (service_id)
             WHERE m.sent_at IS NULL AND m.shard_id >= s.shard_count
            """));
        await Eventually.True(
            async () => (await cluster.LeasesAsync()).Keys.Order().SequenceEqual([0, 1, 2, 3]),
            "the shards beyond the count to retire", Deadline);
        Assert.Equal(4, await cluster.ScalarAsync<long>("SELECT generation FROM shard_maps")); // 2, then 8, 2 and 4

        // The handovers were real: messages waited for their recipients' earlier ones, and the CoreApps count them.
        var (held, handovers) = (0.0, 0.0);
        foreach (var name in new[] { "coreapp-a", "coreapp-b", "coreapp-c", "coreapp-d" })
        {
            using var management = new HttpClient { BaseAddress = cluster.CoreApp(name).ManagementUrl };
            var scrape = await PrometheusScrape.GetAsync(management);
            held += scrape.Of("multiconnect_handover_messages_held_total").Sum(s => s.Value);
            handovers += scrape.Of("multiconnect_handover_duration_seconds_count").Sum(s => s.Value);
        }

        Assert.True(held > 0, "some messages should have waited for a handover");
        Assert.True(handovers > 0, "some handover should have ended");
    }

    [Fact]
    public async Task A_gateway_that_routes_by_an_old_generation_still_lands_every_send_on_the_right_shard_in_order()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (current, token, phone) = await MessagePipelineTests.StartAsync(cluster);
        var stale = await cluster.StartGatewayAsync("gateway-2", settings: new Dictionary<string, string?> { ["Multiconnect__Gateway__ShardMapRefresh"] = "01:00:00" });
        using (var first = await stale.SendAsync(HttpMethod.Get, "/v1/shards/1", token))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode); // gateway-2 has read the map: it routes by 2 shards for an hour
        }

        using (var change = await cluster.ChangeShardCountAsync(current, token, 4))
        {
            Assert.Equal(HttpStatusCode.Created, change.StatusCode);
        }

        using (var beyond = await stale.SendAsync(HttpMethod.Get, "/v1/shards/3", token))
        {
            Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode); // it still believes in 2 shards
        }

        var load = await MessageLoad.RunAsync(stale.Http.BaseAddress!, token, MessageLoad.NewRecipients(60), perRecipient: 10);

        Assert.Equal(600, load.Accepted);
        Assert.Empty(load.Errors);
        await MessagePipelineTests.AssertAllDeliveredInOrderAsync(cluster.Simulator!, phone, load);
        Assert.Equal(0, await cluster.Simulator!.CounterAsync(phone, "misrouted"));
        Assert.Equal(0, await cluster.ScalarAsync<long>(MisplacedRows));
        Assert.Equal(600, await cluster.ScalarAsync<long>("SELECT count(*) FROM messages_out WHERE shards = 4"));
        using var afterwards = await stale.SendAsync(HttpMethod.Get, "/v1/shards/3", token);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode); // a "moved" answer taught it the new map
    }

    [Fact]
    public async Task A_change_while_the_masters_coreapp_is_killed_ends_with_one_generation_or_the_other_and_loses_nothing()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, phone) = await MessagePipelineTests.StartAsync(cluster);
        var health = await gateway.GetJsonAsync("/v1/health", token);
        var master = health.GetProperty("health").EnumerateObject()
            .Single(node => node.Value.GetProperty("role").GetString() == "primary_master").Name.Split(':')[^1];

        var load = MessageLoad.RunAsync(gateway.Http.BaseAddress!, token, MessageLoad.NewRecipients(50), perRecipient: 40, rate: 200);
        await Eventually.True(async () => await AcceptedAsync(cluster) >= 500, "500 messages to be accepted", Deadline);
        await cluster.CoreApp(master).SignalAsync("KILL");
        using var change = await cluster.ChangeShardCountAsync(gateway, token, 4);

        // 201: the new generation is in force; 403: it could not be stored, and the old one is.
        Assert.Contains(change.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Forbidden });
        var expected = change.StatusCode == HttpStatusCode.Created ? 4 : 2;
        if (change.StatusCode == HttpStatusCode.Forbidden)
        {
            var error = JsonDocument.Parse(await change.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
            Assert.Equal(1011, error.GetProperty("code").GetInt32());
        }

        Assert.Equal(expected, await cluster.ScalarAsync<int>("SELECT shard_count FROM shard_maps"));
        await Eventually.True(async () => await gateway.GetShardCountAsync(token) == expected, "the surviving master to answer with the stored count", Deadline);

        var result = await load;
        Assert.Equal(2000, result.Accepted);
        await MessagePipelineTests.AssertAllDeliveredInOrderAsync(cluster.Simulator!, phone, result);
        Assert.Equal(0, await cluster.Simulator!.CounterAsync(phone, "misrouted"));

        // And a change asked again is made.
        await Eventually.True(async () =>
        {
            using var again = await cluster.ChangeShardCountAsync(gateway, token, 4);
            return again.StatusCode == HttpStatusCode.Created;
        }, "the change to be accepted once the master is back", Deadline);
        Assert.Equal(4, await cluster.ScalarAsync<int>("SELECT shard_count FROM shard_maps"));
    }

    private static Task<long> AcceptedAsync(LocalCluster cluster) => cluster.ScalarAsync<long>("SELECT count(*) FROM messages_out");

    private static Task<long> UnsentAsync(LocalCluster cluster) => cluster.ScalarAsync<long>("SELECT count(*) FROM messages_out WHERE sent_at IS NULL");
}
