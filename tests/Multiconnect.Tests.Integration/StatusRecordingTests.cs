using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// What the upstream tells a shard about its messages reaches the webhook whatever happens to the
/// database meanwhile, and a message the upstream refuses is reported, not quietly marked sent.
/// Real processes: the simulator, a CoreApp, a gateway, PostgreSQL and a webhook receiver.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StatusRecordingTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(60);
    private const string NotOnWhatsApp = "16315550999";

    [Fact]
    public async Task A_send_the_upstream_refuses_becomes_a_failed_status_with_its_error_and_is_never_marked_sent()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, coreApp) = await StartAsync(cluster, new Dictionary<string, string> { ["NotOnWhatsApp__0"] = NotOnWhatsApp });
        await using var receiver = WebhookReceiver.Start();
        await ApplicationSettingsClient.SetAsync(gateway, token, receiver.Url, sentStatus: true);

        var refused = await SendAsync(gateway, token, NotOnWhatsApp, 1);
        var fine = await SendAsync(gateway, token, "16315550142", 1);

        await Eventually.True(() => Task.FromResult(receiver.Delivered.Any(call => call.CallbackId == refused)), "the refused message's status to reach the webhook", Delivery);
        await Eventually.True(() => Task.FromResult(Has(receiver, fine, "delivered")), "the other message to be delivered", Delivery);
        var statuses = receiver.Delivered.Where(call => call.CallbackId == refused).Select(StatusOf).ToList();
        var failed = Assert.Single(statuses);
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(NotOnWhatsApp, failed.GetProperty("recipient_id").GetString());
        var error = Assert.Single(failed.GetProperty("errors").EnumerateArray());
        Assert.Equal((470, "Re-engagement message"), (error.GetProperty("code").GetInt32(), error.GetProperty("title").GetString()));
        Assert.Contains("not a WhatsApp user", error.GetProperty("details").GetString(), StringComparison.Ordinal);

        Assert.Equal("not_on_whatsapp", await cluster.ScalarAsync<string>($"SELECT split_part(refusal, ':', 1) FROM messages_out WHERE id = '{refused}'"));
        Assert.Equal(0L, await cluster.ScalarAsync<long>($"SELECT count(*) FROM messages_out WHERE id = '{fine}' AND refusal IS NOT NULL"));
        var metrics = await PrometheusScrape.GetAsync(new HttpClient { BaseAddress = coreApp.ManagementUrl });
        Assert.Equal(1, metrics.Samples.Where(s => s.Name == "multiconnect_messages_failed_total" && s.Labels.GetValueOrDefault("reason") == "not_on_whatsapp").Sum(s => s.Value));
    }

    [Theory]
    [InlineData(30, false)] // the database comes back while the shard still retries on the same session
    [InlineData(2, true)] // it stays away longer than StoreEventsFor: the session is closed and a new one opened
    public async Task Receipts_that_cannot_be_stored_for_a_while_all_reach_the_webhook_once_the_database_takes_them_again(int storeEventsForSeconds, bool sessionClosed)
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, coreApp) = await StartAsync(cluster, coreAppSettings: new Dictionary<string, string?>
        {
            ["Multiconnect__Shards__StoreEventsFor"] = TimeSpan.FromSeconds(storeEventsForSeconds).ToString(),
        });
        await using var receiver = WebhookReceiver.Start();
        await ApplicationSettingsClient.SetAsync(gateway, token, receiver.Url, sentStatus: true);
        var ids = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            ids.Add(await SendAsync(gateway, token, "16315550142", i));
        }

        await Eventually.True(() => Task.FromResult(ids.All(id => Has(receiver, id, "delivered"))), "the first receipts to reach the webhook", Delivery);

        // The outbox goes away: every receipt and callback write fails (42P01) until it is back.
        await cluster.ScalarAsync<int>("ALTER TABLE webhook_outbox RENAME TO webhook_outbox_away; SELECT 1");
        for (var i = 6; i <= 20; i++)
        {
            ids.Add(await SendAsync(gateway, token, "16315550142", i));
        }

        await Eventually.True(() => Task.FromResult(coreApp.Output.Contains("could not store receipts", StringComparison.Ordinal)), "the shard to fail to store receipts");
        if (sessionClosed)
        {
            await Eventually.True(() => Task.FromResult(coreApp.Output.Contains("closing the upstream session", StringComparison.Ordinal)), "the shard to give the session up", Delivery);
        }

        await cluster.ScalarAsync<int>("ALTER TABLE webhook_outbox_away RENAME TO webhook_outbox; SELECT 1");
        await Eventually.True(() => Task.FromResult(ids.All(id => Has(receiver, id, "sent") && Has(receiver, id, "delivered"))), "every message's sent and delivered statuses to reach the webhook", Delivery);
        Assert.Equal(0L, await cluster.ScalarAsync<long>("SELECT count(*) FROM messages_out WHERE sent_at IS NULL OR refusal IS NOT NULL"));
    }

    private static bool Has(WebhookReceiver receiver, string id, string status) =>
        receiver.Delivered.Any(call => call.CallbackId == id && StatusOf(call).GetProperty("status").GetString() == status);

    private static JsonElement StatusOf(WebhookCall call) => JsonDocument.Parse(call.Body).RootElement.GetProperty("statuses")[0];

    private static async Task<(GatewayNode Gateway, string Token, NodeProcess CoreApp)> StartAsync(
        LocalCluster cluster, IReadOnlyDictionary<string, string>? simulatorSettings = null, IReadOnlyDictionary<string, string?>? coreAppSettings = null)
    {
        await cluster.StartSimulatorAsync(simulatorSettings);
        var coreApp = await cluster.StartCoreAppAsync("coreapp-a", settings: coreAppSettings);
        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();
        await cluster.RegisterAccountAsync(gateway, token, shards: 1);
        await Eventually.True(async () => (await cluster.LeasesAsync()).Count == 1, "the shard to be active", Delivery);
        return (gateway, token, coreApp);
    }

    private static async Task<string> SendAsync(GatewayNode gateway, string token, string to, int seq)
    {
        using var response = await gateway.SendAsync(HttpMethod.Post, "/v1/messages", token, $$$"""{"to":"{{{to}}}","type":"text","text":{"body":"seq={{{seq}}} hello"}}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages")[0].GetProperty("id").GetString()!;
    }
}
