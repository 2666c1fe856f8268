using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// Messages through the whole stack, as real processes: gateway, three CoreApps, the simulator
/// (the WhatsApp servers) and PostgreSQL. The simulator says what arrived, in which order, and how
/// often it had to drop a repeated id.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MessagePipelineTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_thousand_messages_to_a_hundred_recipients_all_arrive_once_and_in_order()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, phone) = await StartAsync(cluster);
        var recipients = MessageLoad.NewRecipients(100);

        var load = await MessageLoad.RunAsync(gateway.Http.BaseAddress!, token, recipients, perRecipient: 10);

        Assert.Equal(1000, load.Accepted);
        Assert.Empty(load.Errors);
        await AssertAllDeliveredInOrderAsync(cluster.Simulator!, phone, load);
        Assert.Equal(0, await cluster.Simulator!.CounterAsync(phone, "duplicates"));
        Assert.Equal(0, await cluster.Simulator!.CounterAsync(phone, "misrouted"));
        await Eventually.True(async () => await PendingAsync(cluster) == 0, "every message to be marked sent", Drain);
    }

    [Fact]
    public async Task Killing_a_coreapp_mid_run_loses_and_reorders_nothing_accepted()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, phone) = await StartAsync(cluster);
        var recipients = MessageLoad.NewRecipients(100);
        var victim = (await cluster.LeasesAsync())[0].Owner;

        var load = MessageLoad.RunAsync(gateway.Http.BaseAddress!, token, recipients, perRecipient: 30);
        await Eventually.True(async () => await AcceptedAsync(cluster) >= 1000, "a third of the messages to be accepted", Drain);
        await cluster.CoreApp(victim).SignalAsync("KILL");
        var result = await load;

        Assert.Equal(3000, result.Accepted);
        await AssertAllDeliveredInOrderAsync(cluster.Simulator!, phone, result);
        var duplicates = await cluster.Simulator!.CounterAsync(phone, "duplicates");
        Assert.InRange(duplicates, 0, 3 * 512); // at most the windows in flight when the owner died
    }

    [Fact]
    public async Task A_send_is_validated_field_by_field()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        await cluster.StartCoreAppAsync("coreapp-a");
        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();

        foreach (var (body, code, field) in new[]
        {
            ("""{"to":"16315551234","type":"voice","text":{"body":"x"}}""", 1009, "type"),
            ("""{"to":"16315551234","type":"image","image":{"link":"https://example.com/a.jpg"},"text":{"body":"x"}}""", 1009, "text"),
            ("""{"to":"16315551234","type":"text","text":{}}""", 1008, "text.body"),
            ("""{"to":"16315551234","type":"text"}""", 1008, "text"),
            ("""{"to":"not-a-number","type":"text","text":{"body":"x"}}""", 1009, "to"),
            ($$$"""{"to":"16315551234","type":"text","text":{"body":"{{{new string('x', 4097)}}}"}}""", 1001, "text.body"),
            ("""{"recipient_type":"group","to":"16315551234","type":"text","text":{"body":"x"}}""", 1009, "recipient_type"),
        })
        {
            using var response = await gateway.SendAsync(HttpMethod.Post, "/v1/messages", token, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0];
            Assert.Equal(code, error.GetProperty("code").GetInt32());
            Assert.StartsWith(field, error.GetProperty("details").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await AcceptedAsync(cluster));
    }

    [Fact]
    public async Task A_shard_whose_backlog_is_full_refuses_new_sends_with_1016()
    {
        // No upstream is configured, so nothing drains: the backlog only grows.
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        await cluster.StartCoreAppAsync("coreapp-a", settings: new Dictionary<string, string?> { ["Multiconnect__Shards__MaxBacklog"] = "20" });
        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            using var response = await gateway.SendAsync(HttpMethod.Post, "/v1/messages", token,
                $$$"""{"to":"16315551234","type":"text","text":{"body":"seq={{{i + 1}}} x"}}""");
            statuses.Add(response.StatusCode);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0];
                Assert.Equal(1016, error.GetProperty("code").GetInt32());
            }
        }

        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(20, await AcceptedAsync(cluster));
    }

    /// <summary>The simulator, three CoreApps and a gateway, the account registered with 2 shards, both active.</summary>
    internal static async Task<(GatewayNode Gateway, string Token, string Phone)> StartAsync(LocalCluster cluster)
    {
        await cluster.StartSimulatorAsync();
        foreach (var name in new[] { "coreapp-a", "coreapp-b", "coreapp-c" })
        {
            await cluster.StartCoreAppAsync(name);
        }

        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();
        var phone = await cluster.RegisterAccountAsync(gateway, token, shards: 2);
        await Eventually.True(async () => (await cluster.LeasesAsync()).Count == 2, "2 shards to be active", Drain);
        return (gateway, token, phone);
    }

    /// <summary>Every accepted id reached the simulator, once, and each recipient got its ids in accepted order.</summary>
    internal static async Task AssertAllDeliveredInOrderAsync(RunningSimulator simulator, string phone, LoadResult load)
    {
        await Eventually.True(async () => await simulator.CounterAsync(phone, "delivered") >= load.Accepted, "every accepted message to reach the simulator", Drain);
        Assert.Equal(load.Accepted, await simulator.CounterAsync(phone, "delivered"));
        Assert.Equal(0, await simulator.CounterAsync(phone, "out_of_order"));
        foreach (var (recipient, ids) in load.AcceptedIds)
        {
            Assert.Equal(ids, await simulator.DeliveredIdsAsync(phone, recipient));
        }
    }

    private static Task<long> AcceptedAsync(LocalCluster cluster) => cluster.ScalarAsync<long>("SELECT count(*) FROM messages_out");

    private static Task<long> PendingAsync(LocalCluster cluster) => cluster.ScalarAsync<long>("SELECT count(*) FROM messages_out WHERE sent_at IS NULL");
}
