using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Multiconnect.Persistence;
using Multiconnect.Tests.Integration.Infrastructure;
using Npgsql;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// The webhook dispatcher with real processes: CoreApps, a gateway, PostgreSQL and a webhook receiver
/// on a real socket. The outbox is fed with SQL, as the shards feed it, except in the end-to-end test,
/// where the simulator's receipts and users' messages feed it through the shards.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WebhookTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Callbacks_reach_the_webhook_once_each_in_order_per_conversation()
    {
        await using var test = await WebhookCluster.StartAsync(postgres.Server, "coreapp-a");
        var (cluster, gateway, token, receiver) = test;
        var conversations = Conversations(6);
        var first = Interleaved(conversations, 0, 20);
        var second = Interleaved(conversations, 20, 20);

        await CallbackOutbox.InsertAsync(cluster.ConnectionString, first);
        await ApplicationSettingsClient.SetAsync(gateway, token, receiver.Url);
        await CallbackOutbox.InsertAsync(cluster.ConnectionString, second);

        await Eventually.True(() => Task.FromResult(receiver.Delivered.Count >= 240), "all 240 callbacks to reach the webhook", Delivery);
        AssertDeliveredInOrder(receiver, [.. first, .. second]);
        Assert.All(receiver.Delivered, call => Assert.Equal("coreapp-a", call.Node));
        await Eventually.True(async () => (await CallbackOutbox.ReadAsync(cluster.ConnectionString)).All(row => row.Delivered && row.Attempts == 1), "every row to be marked delivered after one attempt");
        Assert.Equal(0, await BacklogAsync(gateway, token));
    }

    [Fact]
    public async Task Sent_statuses_are_recorded_and_sent_only_while_the_sent_status_setting_is_on()
    {
        await using var test = await WebhookCluster.StartAsync(postgres.Server, "coreapp-a");
        var (cluster, gateway, token, receiver) = test;
        await ApplicationSettingsClient.SetAsync(gateway, token, receiver.Url);
        const string recipient = "16315550101";

        await RecordStatusesAsync(cluster, recipient, ("wamid.1", "sent"), ("wamid.1", "delivered"), ("wamid.2", "sent"), ("wamid.1", "read"), ("wamid.2", "failed"));

        await Eventually.True(() => Task.FromResult(receiver.Delivered.Count == 3), "the statuses switched on to reach the webhook", Delivery);
        Assert.Equal(["wamid.1 delivered", "wamid.1 read", "wamid.2 failed"], receiver.Delivered.Select(Describe));
        Assert.Equal(["delivered", "read", "failed"], (await CallbackOutbox.ReadAsync(cluster.ConnectionString)).Select(row => row.Status));

        await ApplicationSettingsClient.SetAsync(gateway, token, sentStatus: true);
        await RecordStatusesAsync(cluster, recipient, ("wamid.3", "sent"), ("wamid.3", "delivered"));

        await Eventually.True(() => Task.FromResult(receiver.Delivered.Count == 5), "the 'sent' status to be delivered too", Delivery);
        Assert.Equal(["wamid.3 sent", "wamid.3 delivered"], receiver.Delivered.Skip(3).Select(Describe));
    }

    [Fact]
    public async Task The_statuses_switched_off_in_webhooks_message_are_not_recorded_from_the_change_on()
    {
        await using var test = await WebhookCluster.StartAsync(postgres.Server, "coreapp-a");
        var (cluster, gateway, token, receiver) = test;
        await ApplicationSettingsClient.SetAsync(gateway, token, receiver.Url);
        using (var off = await ApplicationSettingsClient.PatchAsync(gateway, token, """{"webhooks":{"message":{"sent":true,"delivered":false,"read":false}}}"""))
        {
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        }

        const string recipient = "16315550102";
        await RecordStatusesAsync(cluster, recipient, ("wamid.1", "sent"), ("wamid.1", "delivered"), ("wamid.1", "read"), ("wamid.2", "failed"));

        await Eventually.True(async () => (await CallbackOutbox.ReadAsync(cluster.ConnectionString)).All(row => row.Delivered), "every row to be delivered");
        Assert.Equal(["wamid.1 sent", "wamid.2 failed"], receiver.Delivered.Select(Describe));
        Assert.Equal(["sent", "failed"], (await CallbackOutbox.ReadAsync(cluster.ConnectionString)).Select(row => row.Status));

        using (var on = await ApplicationSettingsClient.PatchAsync(gateway, token, """{"webhooks":{"message":{"delivered":true}}}"""))
        {
            Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        }

        await RecordStatusesAsync(cluster, recipient, ("wamid.3", "delivered"), ("wamid.3", "read"));
        await Eventually.True(async () => (await CallbackOutbox.ReadAsync(cluster.ConnectionString)).All(row => row.Delivered), "the new rows to be delivered");
        Assert.Equal(["wamid.1 sent", "wamid.2 failed", "wamid.3 delivered"], receiver.Delivered.Select(Describe));
    }

    [Fact]
    public async Task Without_a_url_callbacks_wait_and_their_backlog_shows_in_health()
    {
        await using var test = await WebhookCluster.StartAsync(postgres.Server, "coreapp-a");
        var (cluster, gateway, token, receiver) = test;
        var callbacks = Interleaved(Conversations(2), 0, 3);

        await CallbackOutbox.InsertAsync(cluster.ConnectionString, callbacks);

        Assert.Equal(6, await BacklogAsync(gateway, token));
        await Eventually.True(async () => await CallbackOutbox.DispatcherAsync(cluster.ConnectionString) == "coreapp-a", "coreapp-a to take the dispatcher role");
        await Consistently.True(
            async () => (await CallbackOutbox.ReadAsync(cluster.ConnectionString)).All(row => !row.Delivered && row.Attempts == 0),
            "the callbacks to wait untouched while no URL is set", TimeSpan.FromSeconds(2));
        Assert.Equal(6, await BacklogAsync(gateway, token));

        await ApplicationSettingsClient.SetAsync(gateway, token, receiver.Url);

        await Eventually.True(async () => await BacklogAsync(gateway, token) == 0, "the backlog to drain", Delivery);
        AssertDeliveredInOrder(receiver, callbacks);
    }

    [Fact]
    public async Task A_webhook_that_fails_times_out_or_goes_away_loses_nothing_and_keeps_the_order()
    {
        await using var test = await WebhookCluster.StartAsync(postgres.Server, "coreapp-a");
        var (cluster, gateway, token, receiver) = test;
        var conversations = Conversations(3);
        var callbacks = new List<Callback>();
        await ApplicationSettingsClient.SetAsync(gateway, token, receiver.Url);

        // Answering 500.
        receiver.AnswerWith(_ => HttpStatusCode.InternalServerError);
        callbacks.AddRange(await InsertAsync(cluster, Interleaved(conversations, 0, 5)));
        await WaitForErrorAsync(cluster, "HTTP 500");

        // Too slow: no answer within the request timeout (5 s).
        receiver.AnswerWith(_ => HttpStatusCode.ServiceUnavailable, delay: TimeSpan.FromSeconds(6));
        callbacks.AddRange(await InsertAsync(cluster, Interleaved(conversations, 5, 5)));
        await WaitForErrorAsync(cluster, "no answer within");

        // Gone: connections refused.
        await receiver.StopListeningAsync();
        callbacks.AddRange(await InsertAsync(cluster, Interleaved(conversations, 10, 5)));
        await WaitForErrorAsync(cluster, "refused");
        Assert.Empty(receiver.Delivered);
        Assert.Equal(45, await BacklogAsync(gateway, token));

        receiver.AnswerWith(_ => HttpStatusCode.OK);
        receiver.StartListening();

        await Eventually.True(() => Task.FromResult(receiver.Delivered.Count >= 45), "every callback to arrive once the webhook is back", Delivery);
        AssertDeliveredInOrder(receiver, callbacks);
        await Eventually.True(async () => await BacklogAsync(gateway, token) == 0, "the backlog to drain");
    }

    [Fact]
    public async Task A_failing_conversation_backs_off_without_holding_up_the_others()
    {
        await using var test = await WebhookCluster.StartAsync(postgres.Server, "coreapp-a");
        var (cluster, gateway, token, receiver) = test;
        const string blocked = "447700900999";
        receiver.AnswerWith(call => call.Body.Contains(blocked, StringComparison.Ordinal) ? HttpStatusCode.BadGateway : HttpStatusCode.OK);
        await ApplicationSettingsClient.SetAsync(gateway, token, receiver.Url);
        var blockedCallbacks = Enumerable.Range(0, 3).Select(i => Callback.MessageFrom(blocked, $"in.{blocked}.{i}", $"message {i}")).ToList();
        var others = Interleaved(Conversations(4), 0, 10);

        await CallbackOutbox.InsertAsync(cluster.ConnectionString, [.. blockedCallbacks, .. others]);

        await Eventually.True(() => Task.FromResult(receiver.Delivered.Count >= 40), "the other conversations' callbacks to arrive", Delivery);
        AssertDeliveredInOrder(receiver, others);
        var attempts = await Eventually.Get(async () =>
        {
            var calls = receiver.Calls.Where(call => call.Body.Contains(blocked, StringComparison.Ordinal)).ToList();
            return calls.Count >= 5 ? calls : null;
        }, "five attempts at the blocked conversation", Delivery);
        Assert.All(attempts, call => Assert.Equal("in.447700900999.0", call.CallbackId));
        // Each retry waits at least its back-off, the original's linear one: 200 ms more per failure, up to 1 s
        // (busy moments only add to a gap).
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b.At - a.At).ToList();
        var backoffs = new[] { 200, 400, 600, 800 };
        Assert.True(
            gaps.Zip(backoffs).All(g => g.First.TotalMilliseconds >= g.Second - 50),
            $"the backoff should grow: {string.Join(", ", gaps.Select(g => g.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)))} ms between attempts, expected at least {string.Join(", ", backoffs)}");
        var rows = (await CallbackOutbox.ReadAsync(cluster.ConnectionString)).Where(row => row.Conversation == blocked).ToList();
        Assert.StartsWith("HTTP 502", rows[0].LastError, StringComparison.Ordinal);
        Assert.All(rows.Skip(1), row => Assert.Equal(0, row.Attempts));

        receiver.AnswerWith(_ => HttpStatusCode.OK);

        await Eventually.True(() => Task.FromResult(receiver.Delivered.Count >= 43), "the blocked conversation to catch up", Delivery);
        AssertDeliveredInOrder(receiver, [.. blockedCallbacks, .. others]);
    }

    [Theory]
    [InlineData("KILL")]
    [InlineData("STOP")]
    public async Task The_dispatcher_role_moves_to_a_standby_coreapp_when_its_holder_dies_or_hangs(string signal)
    {
        await using var test = await WebhookCluster.StartAsync(postgres.Server, "coreapp-a", "coreapp-b");
        var (cluster, gateway, token, receiver) = test;
        await ApplicationSettingsClient.SetAsync(gateway, token, receiver.Url);
        var holder = await Eventually.Get(() => CallbackOutbox.DispatcherAsync(cluster.ConnectionString), "a CoreApp to take the dispatcher role");
        var standby = holder == "coreapp-a" ? "coreapp-b" : "coreapp-a";
        var conversations = Conversations(4);
        var before = Interleaved(conversations, 0, 10);
        await CallbackOutbox.InsertAsync(cluster.ConnectionString, before);
        await Eventually.True(async () => await BacklogAsync(gateway, token) == 0, "the first callbacks to be delivered and marked", Delivery);
        Assert.All(receiver.Delivered, call => Assert.Equal(holder, call.Node));

        var clock = Stopwatch.StartNew();
        await cluster.CoreApp(holder).SignalAsync(signal);
        var after = Interleaved(conversations, 10, 10);
        await CallbackOutbox.InsertAsync(cluster.ConnectionString, after);

        await Eventually.True(async () => await CallbackOutbox.DispatcherAsync(cluster.ConnectionString) == standby, $"{standby} to take the dispatcher role", TimeSpan.FromSeconds(20));
        var takeover = clock.Elapsed;
        await Eventually.True(() => Task.FromResult(receiver.Delivered.Count >= 80), "the callbacks written after the holder's end to arrive", Delivery);
        Assert.InRange(takeover, TimeSpan.Zero, signal == "KILL" ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(12));
        Assert.All(receiver.Delivered.Skip(40), call => Assert.Equal(standby, call.Node));
        AssertDeliveredInOrder(receiver, [.. before, .. after]);

        if (signal == "STOP")
        {
            // Resumed, the old holder finds its session ended by the server and sends nothing more.
            await cluster.CoreApp(holder).SignalAsync("CONT");
            await CallbackOutbox.InsertAsync(cluster.ConnectionString, Interleaved(conversations, 20, 5));
            await Eventually.True(() => Task.FromResult(receiver.Delivered.Count >= 100), "the last callbacks to arrive", Delivery);
            Assert.All(receiver.Delivered.Skip(40), call => Assert.Equal(standby, call.Node));
            Assert.Equal(standby, await CallbackOutbox.DispatcherAsync(cluster.ConnectionString));
        }
    }

    [Fact]
    public async Task Statuses_of_sent_messages_and_a_users_message_reach_the_webhook_in_order()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        await cluster.StartSimulatorAsync(new Dictionary<string, string> { ["Receipts__ReadRatio"] = "1", ["Receipts__ReadDelay"] = "00:00:00.200" });
        await cluster.StartCoreAppAsync("coreapp-a");
        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();
        var phone = await cluster.RegisterAccountAsync(gateway, token, shards: 1);
        await Eventually.True(async () => (await cluster.LeasesAsync()).Count == 1, "the shard to be active", Delivery);
        await using var receiver = WebhookReceiver.Start();
        await ApplicationSettingsClient.SetAsync(gateway, token, receiver.Url, sentStatus: true);
        const string recipient = "16315550142";
        const string user = "19995500042";

        var sent = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            using var response = await gateway.SendAsync(HttpMethod.Post, "/v1/messages", token, $$$"""{"to":"{{{recipient}}}","type":"text","text":{"body":"seq={{{i}}} hello"}}""");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            sent.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages")[0].GetProperty("id").GetString()!);
        }

        await Eventually.True(async () => await cluster.Simulator!.CounterAsync(phone, "delivered") == 3, "the messages to reach the simulator", Delivery);
        var inboundId = await cluster.Simulator!.InjectInboundAsync(phone, user, "where is my order?", name: "Andre");

        await Eventually.True(() => Task.FromResult(receiver.Delivered.Count >= 10), "9 statuses and 1 message to reach the webhook", Delivery);
        var statuses = receiver.Delivered.Where(call => call.Body.Contains("\"statuses\"", StringComparison.Ordinal)).Select(Status).ToList();
        foreach (var id in sent)
        {
            Assert.Equal(["sent", "delivered", "read"], statuses.Where(s => s.Id == id).Select(s => s.Status));
        }

        Assert.All(statuses, s => Assert.Equal(recipient, s.RecipientId));

        // Sent and delivered statuses are counted in one business-initiated conversation of 24 hours, priced as the servers say; read ones carry neither.
        var counted = receiver.Delivered.Where(call => call.Body.Contains("\"statuses\"", StringComparison.Ordinal))
            .Select(call => JsonDocument.Parse(call.Body).RootElement.GetProperty("statuses")[0]).ToList();
        var conversations = counted.Where(s => s.GetProperty("status").GetString() is "sent" or "delivered").Select(s => s.GetProperty("conversation")).ToList();
        Assert.Equal(6, conversations.Count);
        Assert.Single(conversations.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.All(conversations, c => Assert.Equal("business_initiated", c.GetProperty("origin").GetProperty("type").GetString()));
        var expires = long.Parse(conversations[0].GetProperty("expiration_timestamp").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), TimeSpan.FromHours(23).TotalSeconds, TimeSpan.FromHours(24).TotalSeconds);
        Assert.All(counted.Where(s => s.GetProperty("status").GetString() is "sent" or "delivered").Select(s => s.GetProperty("pricing")), pricing => Assert.Equal(
            (true, "CBP", "business_initiated"),
            (pricing.GetProperty("billable").GetBoolean(), pricing.GetProperty("pricing_model").GetString(), pricing.GetProperty("category").GetString())));
        Assert.All(counted.Where(s => s.GetProperty("status").GetString() == "read"), s => Assert.False(s.TryGetProperty("conversation", out _)));
        var written = (await CallbackOutbox.ReadAsync(cluster.ConnectionString)).Where(row => row.Conversation == recipient).ToList();
        Assert.Equal(written.Select(row => (row.Id, row.Status)), statuses.Select(s => (s.Id, (string?)s.Status)));

        using var message = JsonDocument.Parse(Assert.Single(receiver.Delivered, call => call.Body.Contains("\"messages\"", StringComparison.Ordinal)).Body);
        Assert.Equal(user, message.RootElement.GetProperty("contacts")[0].GetProperty("wa_id").GetString());
        Assert.Equal("Andre", message.RootElement.GetProperty("contacts")[0].GetProperty("profile").GetProperty("name").GetString());
        var inbound = message.RootElement.GetProperty("messages")[0];
        Assert.Equal((inboundId, user, "text", "where is my order?"), (
            inbound.GetProperty("id").GetString(), inbound.GetProperty("from").GetString(), inbound.GetProperty("type").GetString(),
            inbound.GetProperty("text").GetProperty("body").GetString()));
        await Eventually.True(async () => (await gateway.GetJsonAsync("/v1/health", token)).GetProperty("webhooks").GetProperty("backlog").GetInt64() == 0, "the backlog to be 0");

        // The business reads the user's message: the upstream is told.
        using (var wrongStatus = await gateway.SendAsync(HttpMethod.Put, $"/v1/messages/{inboundId}", token, """{"status":"delivered"}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrongStatus.StatusCode);
        }

        using (var unknown = await gateway.SendAsync(HttpMethod.Put, "/v1/messages/in.unknown", token, """{"status":"read"}"""))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var read = await gateway.SendAsync(HttpMethod.Put, $"/v1/messages/{inboundId}", token, """{"status":"read"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        await Eventually.True(
            async () => (await cluster.Simulator!.Admin.GetFromJsonAsync<JsonElement>($"/admin/numbers/{RunningSimulator.Cc}{phone}/inbound/{inboundId}")).GetProperty("read").GetBoolean(),
            "the simulator to learn the message was read", Delivery);
        Assert.Equal(1, await cluster.Simulator!.CounterAsync(phone, "read_marked"));
    }

    private static async Task<List<Callback>> InsertAsync(LocalCluster cluster, List<Callback> callbacks)
    {
        await CallbackOutbox.InsertAsync(cluster.ConnectionString, callbacks);
        return callbacks;
    }

    private static Task WaitForErrorAsync(LocalCluster cluster, string error) => Eventually.True(
        async () => (await CallbackOutbox.ReadAsync(cluster.ConnectionString)).Any(row => row.LastError?.Contains(error, StringComparison.OrdinalIgnoreCase) == true),
        $"a delivery to fail with '{error}'", Delivery);

    private static async Task<long> BacklogAsync(GatewayNode gateway, string token) =>
        (await gateway.GetJsonAsync("/v1/health", token)).GetProperty("webhooks").GetProperty("backlog").GetInt64();

    private static string[] Conversations(int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"4477009{Random.Shared.Next(10_000, 99_999)}{i}")];

    /// <summary>Statuses for messages <paramref name="from"/>…, round-robin over the conversations: the order the shards write them in.</summary>
    private static List<Callback> Interleaved(string[] conversations, int from, int each) =>
        [.. Enumerable.Range(from, each).SelectMany(i => conversations.Select(c => Callback.StatusOf(c, $"wamid.{c}.{i:D4}", "delivered")))];

    /// <summary>Records statuses of messages to <paramref name="recipient"/> as a shard does, in one statement.</summary>
    private static async Task RecordStatusesAsync(LocalCluster cluster, string recipient, params (string MessageId, string Status)[] statuses)
    {
        await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString);
        var store = new PostgresCallbackStore(dataSource, CallbackOutbox.DefaultServiceId);
        await store.RecordStatusesAsync(
            [.. statuses.Select(s => new StatusUpdate(s.MessageId, recipient, s.Status, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()))], CancellationToken.None);
    }

    private static string Describe(WebhookCall call) => $"{Status(call).Id} {Status(call).Status}";

    private static (string Id, string RecipientId, string Status) Status(WebhookCall call)
    {
        using var json = JsonDocument.Parse(call.Body);
        var status = json.RootElement.GetProperty("statuses")[0];
        return (status.GetProperty("id").GetString()!, status.GetProperty("recipient_id").GetString()!, status.GetProperty("status").GetString()!);
    }

    /// <summary>Each callback arrived exactly once, and each conversation's in the order they were written.</summary>
    private static void AssertDeliveredInOrder(WebhookReceiver receiver, List<Callback> written)
    {
        var delivered = receiver.Delivered.Select(call => call.CallbackId).ToList();
        Assert.Equal(written.Select(c => c.Id).Order(StringComparer.Ordinal), delivered.Order(StringComparer.Ordinal));
        var conversationOf = written.ToDictionary(c => c.Id, c => c.Conversation);
        foreach (var conversation in written.GroupBy(c => c.Conversation))
        {
            Assert.Equal(conversation.Select(c => c.Id), delivered.Where(id => conversationOf[id] == conversation.Key));
        }
    }

    /// <summary>CoreApps, a gateway with a logged-in token, and a webhook receiver, on a fresh database; all stopped at the end.</summary>
    private sealed record WebhookCluster(LocalCluster Cluster, GatewayNode Gateway, string Token, WebhookReceiver Receiver) : IAsyncDisposable
    {
        /// <summary>Quick polls (and, in the application settings, a short back-off: 200 ms more per failure, up to 1 s), so that tests see several retries in seconds.</summary>
        private static readonly Dictionary<string, string?> FastWebhooks = new()
        {
            ["Multiconnect__Webhooks__PollInterval"] = "00:00:00.100",
            // Not shorter: a first answer from a busy test machine can take a second, and a callback timed out is sent again.
            ["Multiconnect__Webhooks__RequestTimeout"] = "00:00:05",
            ["Multiconnect__Webhooks__StandbyInterval"] = "00:00:00.250",
        };

        public static async Task<WebhookCluster> StartAsync(PostgresServer server, params string[] coreApps)
        {
            var cluster = await LocalCluster.CreateAsync(server);
            try
            {
                foreach (var coreApp in coreApps)
                {
                    await cluster.StartCoreAppAsync(coreApp, settings: FastWebhooks);
                }

                var gateway = await cluster.StartGatewayAsync("gateway-1");
                var token = await gateway.LoginAsync();
                using var backoff = await ApplicationSettingsClient.PatchAsync(gateway, token, """{"callback_backoff_delay_ms":"200","max_callback_backoff_delay_ms":"1000"}""");
                Assert.Equal(HttpStatusCode.OK, backoff.StatusCode);
                return new WebhookCluster(cluster, gateway, token, WebhookReceiver.Start());
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Receiver.DisposeAsync();
            await Cluster.DisposeAsync();
        }
    }
}
