using System.Net;
using System.Text.Json;
using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// Metrics after a short load through the whole stack: each process's Prometheus scrape on its
/// management port, and the gateway's GET /v1/metrics, read as a client reads them.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MetricsTests(PostgresFixture postgres)
{
    private const int Messages = 20;
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task After_a_load_each_process_exports_its_metrics_for_prometheus()
    {
        await using var run = await LoadedCluster.StartAsync(postgres.Server);
        using var coreApp = new HttpClient { BaseAddress = run.CoreApp.ManagementUrl };
        using var gateway = new HttpClient { BaseAddress = run.Gateway.Process.ManagementUrl };
        using var simulator = new HttpClient { BaseAddress = run.Cluster.Simulator!.Process.ManagementUrl };

        var shard = ("shard", "0");
        var scrape = await Eventually.Get(async () =>
        {
            var s = await PrometheusScrape.GetAsync(coreApp);
            return s.Of("multiconnect_messages_delivered_total", shard).Sum(x => x.Value) >= Messages
                && s.Of("multiconnect_messages_sent_total", shard).Sum(x => x.Value) >= Messages
                && s.Of("multiconnect_webhooks_delivered_total").Sum(x => x.Value) > 0
                && s.Of("multiconnect_webhooks_backlog").Sum(x => x.Value) == 0 ? s : null;
        }, "the CoreApp's scrape to count every message sent and delivered, and the callbacks delivered", Drain);
        Assert.Equal(Messages, scrape.Value("multiconnect_messages_accepted_total", shard));
        Assert.Equal(Messages, scrape.Value("multiconnect_messages_sent_total", shard));
        Assert.Equal(Messages, scrape.Value("multiconnect_messages_delivered_total", shard));
        Assert.Equal(0, scrape.Value("multiconnect_shard_backlog", shard));
        Assert.True(scrape.Value("multiconnect_webhooks_failed_total") >= 1, "the webhook's first refusal is counted");
        Assert.False(scrape.Has("multiconnect_failovers_total"), "nothing failed over");
        AssertPoolMetrics(scrape, "multiconnect-coreapp-a");
        Assert.True(scrape.Value("orleans_catalog_activations", ("grain_type", "shard")) >= 1);

        var gatewayScrape = await PrometheusScrape.GetAsync(gateway);
        Assert.Equal(Messages, gatewayScrape.Value("multiconnect_api_requests_total", ("endpoint", "/v1/messages/"), ("method", "POST"), ("status", "201")));
        Assert.True(gatewayScrape.Value("multiconnect_api_requests_total", ("endpoint", "/v1/users/login"), ("method", "POST"), ("status", "200")) >= 1);
        AssertPoolMetrics(gatewayScrape, "multiconnect-gateway-1");
        Assert.True(gatewayScrape.Value("orleans_client_connected_gateways") >= 1);

        var simulatorScrape = await PrometheusScrape.GetAsync(simulator);
        Assert.True(simulatorScrape.Value("dotnet_process_cpu_time_seconds_total") > 0);
    }

    [Fact]
    public async Task An_api_error_is_counted_under_its_route_and_whatsapp_code()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        await cluster.StartCoreAppAsync("coreapp-a");
        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();
        using (var invalid = await gateway.SendAsync(HttpMethod.Post, "/v1/messages", token, """{"to":"not-a-number","type":"text","text":{"body":"x"}}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }

        using (var anonymous = await gateway.SendAsync(HttpMethod.Get, "/v1/account/shards", token: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var management = new HttpClient { BaseAddress = gateway.Process.ManagementUrl };
        var scrape = await PrometheusScrape.GetAsync(management);
        Assert.Equal(1, scrape.Value("multiconnect_api_errors_total", ("endpoint", "/v1/messages/"), ("code", "1009")));
        Assert.Equal(1, scrape.Value("multiconnect_api_requests_total", ("endpoint", "/v1/messages/"), ("method", "POST"), ("status", "400")));
        Assert.Equal(1, scrape.Value("multiconnect_api_errors_total", ("endpoint", "/v1/account/shards"), ("code", "1005")));
    }

    [Fact]
    public async Task V1_metrics_needs_a_token_and_shows_the_shard_counters_as_json_or_prometheus_text()
    {
        await using var run = await LoadedCluster.StartAsync(postgres.Server);
        var gateway = run.Gateway;

        using (var anonymous = await gateway.SendAsync(HttpMethod.Get, "/v1/metrics", token: null))
        {
            await ApiAssert.ErrorsAsync(anonymous, HttpStatusCode.Unauthorized, 1005);
        }

        using (var badFormat = await gateway.SendAsync(HttpMethod.Get, "/v1/metrics?format=xml", run.Token))
        {
            var errors = await ApiAssert.ErrorsAsync(badFormat, HttpStatusCode.BadRequest, 1009);
            Assert.StartsWith("format", errors[0].GetProperty("details").GetString(), StringComparison.Ordinal);
        }

        // The original's schema: name → type, help and data, each sample its labels and value.
        var metrics = await Eventually.Get<object>(async () =>
        {
            var body = (await gateway.GetJsonAsync("/v1/metrics", run.Token)).GetProperty("metrics");
            return Data(body, "multiconnect_messages_delivered_total") is [var only] && only.GetProperty("value").GetInt64() >= Messages ? body : null;
        }, "GET /v1/metrics to show every message delivered", Drain) is JsonElement found ? found : default;
        var accepted = Assert.Single(Data(metrics, "multiconnect_messages_accepted_total"));
        Assert.Equal("0", accepted.GetProperty("labels").GetProperty("shard").GetString());
        Assert.EndsWith(":coreapp-a", accepted.GetProperty("labels").GetProperty("owner").GetString(), StringComparison.Ordinal);
        Assert.Equal(Messages, accepted.GetProperty("value").GetInt64());
        Assert.Equal(Messages, Assert.Single(Data(metrics, "multiconnect_messages_sent_total")).GetProperty("value").GetInt64());
        Assert.Equal(0, Assert.Single(Data(metrics, "multiconnect_shard_backlog")).GetProperty("value").GetInt64());
        Assert.Equal(1, Assert.Single(Data(metrics, "multiconnect_shard_count")).GetProperty("value").GetInt64());
        Assert.True(Assert.Single(Data(metrics, "multiconnect_webhooks_backlog")).GetProperty("value").GetInt64() >= 0);
        Assert.Contains(Data(metrics, "multiconnect_api_requests_total"), request =>
            request.GetProperty("labels").GetProperty("endpoint").GetString() == "/v1/messages/" && request.GetProperty("labels").GetProperty("status").GetString() == "201"
            && request.GetProperty("value").GetInt64() == Messages);
        Assert.All(metrics.EnumerateObject(), metric =>
            Assert.Equal(["data", "help", "type"], metric.Value.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
        Assert.Equal("counter", metrics.GetProperty("multiconnect_messages_accepted_total").GetProperty("type").GetString());

        using var text = await gateway.SendAsync(HttpMethod.Get, "/v1/metrics?format=prometheus", run.Token);
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        Assert.Equal("text/plain", text.Content.Headers.ContentType?.MediaType);
        var scrape = PrometheusScrape.Parse(await text.Content.ReadAsStringAsync());
        Assert.Equal(Messages, scrape.Value("multiconnect_messages_accepted_total", ("shard", "0")));
        Assert.Equal(Messages, scrape.Value("multiconnect_messages_delivered_total", ("shard", "0")));
        Assert.Equal(0, scrape.Value("multiconnect_shard_backlog", ("shard", "0")));
        Assert.Equal(Messages, scrape.Value("multiconnect_api_requests_total", ("endpoint", "/v1/messages/"), ("method", "POST"), ("status", "201")));
    }

    private static List<JsonElement> Data(JsonElement metrics, string name) => [.. metrics.GetProperty(name).GetProperty("data").EnumerateArray()];

    [Fact]
    public async Task V1_stats_app_and_db_answer_in_the_originals_shape_from_the_counters()
    {
        await using var run = await LoadedCluster.StartAsync(postgres.Server);
        var gateway = run.Gateway;
        var app = await Eventually.Get<object>(async () =>
        {
            var stats = (await gateway.GetJsonAsync("/v1/stats/app", run.Token)).GetProperty("stats").GetProperty("app");
            return stats.GetProperty("messages_delivered").GetProperty("data").EnumerateArray().Sum(d => d.GetProperty("value").GetInt64()) >= Messages ? stats : null;
        }, "GET /v1/stats/app to show every message delivered", Drain) is JsonElement found ? found : default;

        var accepted = Assert.Single(app.GetProperty("messages_accepted").GetProperty("data").EnumerateArray());
        Assert.Equal(Messages, accepted.GetProperty("value").GetInt64());
        Assert.Equal("0", accepted.GetProperty("labels").GetProperty("shard").GetString());
        Assert.EndsWith(":coreapp-a", accepted.GetProperty("labels").GetProperty("node").GetString(), StringComparison.Ordinal);
        Assert.Equal("counter", app.GetProperty("messages_accepted").GetProperty("type").GetString());
        Assert.Equal("gauge", app.GetProperty("callback_queue_size").GetProperty("type").GetString());
        Assert.Contains(app.GetProperty("endpoint_requests").GetProperty("data").EnumerateArray(), d =>
            d.GetProperty("labels").GetProperty("endpoint").GetString() == "/v1/messages/" && d.GetProperty("labels").GetProperty("result").GetString() == "201"
            && d.GetProperty("value").GetInt64() == Messages);

        var db = (await gateway.GetJsonAsync("/v1/stats/db", run.Token)).GetProperty("stats").GetProperty("db");
        Assert.Equal(0, Assert.Single(db.GetProperty("db_messages").GetProperty("data").EnumerateArray()).GetProperty("value").GetInt64());

        using var text = await gateway.SendAsync(HttpMethod.Get, "/v1/stats/app?format=prometheus", run.Token);
        var scrape = PrometheusScrape.Parse(await text.Content.ReadAsStringAsync());
        Assert.Equal(Messages, scrape.Value("messages_sent", ("shard", "0")));
        using var badFormat = await gateway.SendAsync(HttpMethod.Get, "/v1/stats/db?format=xml", run.Token);
        await ApiAssert.ErrorsAsync(badFormat, HttpStatusCode.BadRequest, 1009);
    }

    /// <summary>Npgsql's own pool metrics, under the pool's name: connections open now, and the configured maximum (4 in LocalCluster).</summary>
    private static void AssertPoolMetrics(PrometheusScrape scrape, string pool)
    {
        Assert.True(scrape.Value("db_client_connection_count", ("db_client_connection_pool_name", pool)) > 0);
        Assert.Equal(4, scrape.Value("db_client_connection_max", ("db_client_connection_pool_name", pool)));
    }

    /// <summary>
    /// A simulator, one CoreApp, one gateway, a registered number with one shard, a webhook that refuses its
    /// first callback, and <see cref="Messages"/> messages accepted.
    /// </summary>
    private sealed record LoadedCluster(LocalCluster Cluster, NodeProcess CoreApp, GatewayNode Gateway, string Token, WebhookReceiver Webhook) : IAsyncDisposable
    {
        public static async Task<LoadedCluster> StartAsync(PostgresServer server)
        {
            var cluster = await LocalCluster.CreateAsync(server);
            try
            {
                await cluster.StartSimulatorAsync();
                var coreApp = await cluster.StartCoreAppAsync("coreapp-a");
                var gateway = await cluster.StartGatewayAsync("gateway-1");
                var token = await gateway.LoginAsync();
                await cluster.RegisterAccountAsync(gateway, token, shards: 1);
                var webhook = WebhookReceiver.Start();
                var calls = 0;
                webhook.AnswerWith(_ => Interlocked.Increment(ref calls) == 1 ? HttpStatusCode.InternalServerError : HttpStatusCode.OK);
                await ApplicationSettingsClient.SetAsync(gateway, token, webhook.Url);
                var load = await MessageLoad.RunAsync(gateway.Http.BaseAddress!, token, MessageLoad.NewRecipients(4), perRecipient: Messages / 4);
                Assert.Equal(Messages, load.Accepted);
                return new LoadedCluster(cluster, coreApp, gateway, token, webhook);
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Webhook.DisposeAsync();
            await Cluster.DisposeAsync();
        }
    }
}
