using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Multiconnect.Contracts.Routing;
using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// Every message type of the original, end to end on real processes (the simulator, CoreApps, a gateway,
/// PostgreSQL and a webhook receiver): users' messages of every type reach the webhook in the original's
/// shape, messages of every type reach their recipient unchanged, and a body the servers refuse becomes a
/// failed status with its error.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MessageTypeTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(60);

    /// <summary>One message of each outbound type, as WA-API.md §3 shows a client sending it: the type and its object.</summary>
    private static readonly (string Type, string Content)[] Outbound =
    [
        ("text", """{"body":"seq=1 Your order has shipped"}"""),
        ("template", """{"namespace":"ns","name":"order_update","language":{"policy":"deterministic","code":"en_US"},"components":[{"type":"header","parameters":[{"type":"image","image":{"link":"https://example.com/h.jpg"}}]},{"type":"body","parameters":[{"type":"text","text":"Chef"},{"type":"currency","currency":{"fallback_value":"$100.99","code":"USD","amount_1000":100990}}]},{"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"ABC"}]}]}"""),
        ("hsm", """{"namespace":"ns","element_name":"order_update","language":{"policy":"deterministic","code":"en_US"},"localizable_params":[{"default":"$10"},{"default":"1234"}]}"""),
        ("image", """{"link":"https://example.com/a.jpg","caption":"the parcel"}"""),
        ("document", """{"id":"{document}","caption":"the invoice","filename":"invoice.pdf"}"""),
        ("audio", """{"id":"{audio}"}"""),
        ("video", """{"link":"https://example.com/a.mp4","caption":"unboxing"}"""),
        ("sticker", """{"id":"{sticker}"}"""),
        ("location", """{"longitude":-122.425332,"latitude":37.758056,"name":"Facebook HQ","address":"1 Hacker Way, Menlo Park, CA 94025"}"""),
        ("contacts", """[{"name":{"formatted_name":"John Smith","first_name":"John","last_name":"Smith"},"phones":[{"phone":"+1 (650) 555-1234","type":"WORK","wa_id":"16505551234"}],"emails":[{"email":"test@fb.com","type":"WORK"}],"birthday":"2012-08-18"}]"""),
        ("interactive", """{"type":"list","body":{"text":"Pick"},"action":{"button":"Menu","sections":[{"title":"S1","rows":[{"id":"0","title":"ROW1","description":"the first"}]}]}}"""),
        ("reaction", """{"message_id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA","emoji":"👍"}"""),
    ];

    /// <summary>One message of each type a user writes (WA-API.md §5.2): the type and its object; the servers add id, mime_type and sha256 to media left without.</summary>
    private static readonly (string Type, string Content)[] Inbound =
    [
        ("text", """{"body":"where is my order?"}"""),
        ("image", """{"caption":"the parcel, damaged"}"""),
        ("document", """{"id":"doc-1","mime_type":"application/pdf","sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","filename":"receipt.pdf","caption":"my receipt"}"""),
        ("audio", "{}"),
        ("video", """{"caption":"unboxing"}"""),
        ("voice", "{}"),
        ("sticker", "{}"),
        ("location", """{"latitude":37.758056,"longitude":-122.425332,"name":"Home","address":"1 Hacker Way"}"""),
        ("contacts", """[{"name":{"formatted_name":"Jane Doe","first_name":"Jane"},"phones":[{"phone":"+1 650 555 0000","type":"CELL","wa_id":"16505550000"}]}]"""),
        ("button", """{"payload":"order-status","text":"Where is my order?"}"""),
        ("interactive", """{"type":"button_reply","button_reply":{"id":"yes","title":"Yes"}}"""),
        ("interactive", """{"type":"list_reply","list_reply":{"id":"tracking","title":"Tracking","description":"Where my parcel is"}}"""),
    ];

    [Fact]
    public async Task A_users_message_of_every_type_reaches_the_webhook_in_the_originals_shape()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, phone) = await StartAsync(cluster);
        await using var receiver = WebhookReceiver.Start();
        await ApplicationSettingsClient.SetAsync(gateway, token, receiver.Url);
        const string user = "19995500077";

        var ids = new List<string>();
        foreach (var (type, content) in Inbound)
        {
            ids.Add(await cluster.Simulator!.InjectInboundAsync(phone, user, type, content, "Andre"));
        }

        await Eventually.True(() => Task.FromResult(Messages(receiver).Count >= Inbound.Length), "every user's message to reach the webhook", Delivery);
        var callbacks = Messages(receiver);
        Assert.Equal(ids, callbacks.Select(c => c["messages"]![0]!["id"]!.GetValue<string>()));
        foreach (var (callback, (type, content)) in callbacks.Zip(Inbound))
        {
            Assert.Equal(["contacts", "messages"], callback.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
            var contact = Assert.Single(callback["contacts"]!.AsArray())!;
            Assert.Equal(("Andre", user), (contact["profile"]!["name"]!.GetValue<string>(), contact["wa_id"]!.GetValue<string>()));

            var message = Assert.Single(callback["messages"]!.AsArray())!.AsObject();
            Assert.Equal(new[] { "from", "id", "timestamp", "type", type }.Order(StringComparer.Ordinal), message.Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.Equal((user, type), (message["from"]!.GetValue<string>(), message["type"]!.GetValue<string>()));
            Assert.InRange(long.Parse(message["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());

            var shown = message[type]!;
            if (type is "image" or "document" or "audio" or "video" or "voice" or "sticker")
            {
                // What the user sent arrives as sent; the servers add what a user's file always has.
                foreach (var (key, value) in JsonNode.Parse(content)!.AsObject())
                {
                    Assert.True(JsonNode.DeepEquals(value, shown[key]), $"{type}.{key}: {shown.ToJsonString()}");
                }

                Assert.All(["id", "mime_type", "sha256"], key => Assert.False(string.IsNullOrEmpty(shown[key]?.GetValue<string>()), $"{type}.{key}"));
            }
            else
            {
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(content), shown), $"{type}: {shown.ToJsonString()}");
            }
        }

        // messages_in keeps what the payload is built from.
        Assert.Equal(Inbound.Select(i => i.Type), await ColumnAsync(cluster, "SELECT m.type FROM messages_in m JOIN unnest($1::text[]) WITH ORDINALITY AS i(id, n) USING (id) ORDER BY i.n", ids));
        Assert.All(await ColumnAsync(cluster, "SELECT profile_name FROM messages_in WHERE id = ANY($1)", ids), name => Assert.Equal("Andre", name));
    }

    [Fact]
    public async Task A_medium_sent_by_id_must_be_an_uploaded_file_of_its_kind()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, _) = await StartAsync(cluster);
        var pdf = await UploadAsync(gateway, token, "application/pdf", "%PDF-1.4 a receipt");

        async Task<JsonElement> SendAsync(string type, string id, HttpStatusCode expected)
        {
            using var response = await gateway.SendAsync(HttpMethod.Post, "/v1/messages", token,
                $$$"""{"to":"16315550172","type":"{{{type}}}","{{{type}}}":{"id":"{{{id}}}"}}""");
            Assert.Equal(expected, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty(expected == HttpStatusCode.Created ? "messages" : "errors")[0];
        }

        var unknown = await SendAsync("image", "d674171b-b912-4d76-9118-e2d571e16f33", HttpStatusCode.NotFound);
        Assert.Equal(1006, unknown.GetProperty("code").GetInt32());
        var wrongKind = await SendAsync("image", pdf, HttpStatusCode.BadRequest);
        Assert.Equal(1009, wrongKind.GetProperty("code").GetInt32());
        Assert.StartsWith("image.id: ", wrongKind.GetProperty("details").GetString(), StringComparison.Ordinal);
        await SendAsync("document", pdf, HttpStatusCode.Created); // a document may be any file
    }

    [Fact]
    public async Task A_file_goes_round_upload_send_forwarded_back_by_the_user_and_downloaded_through_another_gateway()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, phone) = await StartAsync(cluster);
        var other = await cluster.StartGatewayAsync("gateway-2");
        var otherToken = await other.LoginAsync();
        await using var receiver = WebhookReceiver.Start();
        await ApplicationSettingsClient.SetAsync(gateway, token, receiver.Url);
        const string recipient = "16315550173";
        var photo = new byte[300_000];
        new Random(15).NextBytes(photo);

        // Uploaded through one gateway, sent by id: the shard puts the file on the servers before the message.
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/v1/media") { Content = new ByteArrayContent(photo) };
        upload.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        upload.Headers.Authorization = new("Bearer", token);
        using var uploaded = await gateway.Http.SendAsync(upload);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var sent = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("media")[0].GetProperty("id").GetString()!;
        await SendMessageAsync(gateway, token, $$$"""{"to":"{{{recipient}}}","type":"image","image":{"id":"{{{sent}}}","caption":"your parcel"}}""");

        await Eventually.True(async () => (await cluster.Simulator!.DeliveredIdsAsync(phone, recipient)).Count == 1, "the image to reach its recipient", Delivery);

        // The user forwards it back: the servers give their copy a new id, and the shard fetches it before the webhook hears of it.
        await cluster.Simulator!.InjectInboundAsync(phone, recipient, "image", $$"""{"id":"{{sent}}","caption":"this one?"}""", "Andre");
        await Eventually.True(() => Task.FromResult(Messages(receiver).Count == 1), "the forwarded image to reach the webhook", Delivery);
        var image = Messages(receiver)[0]["messages"]![0]!["image"]!;
        var received = image["id"]!.GetValue<string>();
        Assert.NotEqual(sent, received);
        Assert.Equal(("image/jpeg", Convert.ToHexStringLower(SHA256.HashData(photo))), (image["mime_type"]!.GetValue<string>(), image["sha256"]!.GetValue<string>()));

        using var download = await other.SendAsync(HttpMethod.Get, $"/v1/media/{received}", otherToken);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType?.ToString());
        Assert.Equal(photo, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, await cluster.Simulator!.CounterAsync(phone, "refused_content"));
    }

    [Fact]
    public async Task A_users_file_the_servers_do_not_hold_is_counted_and_its_message_still_reaches_the_webhook()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, phone) = await StartAsync(cluster);
        await using var receiver = WebhookReceiver.Start();
        await ApplicationSettingsClient.SetAsync(gateway, token, receiver.Url);

        // An id the servers never had: the message is stored without its file, and the metric says so.
        const string missing = "7d0e4f39-5b7e-4c41-9f54-3c1d9a3b2f10";
        await cluster.Simulator!.InjectInboundAsync(phone, "19995500078", "image", $$"""{"id":"{{missing}}"}""", "Andre");
        await Eventually.True(() => Task.FromResult(Messages(receiver).Count == 1), "the image to reach the webhook", Delivery);
        Assert.Equal(missing, Messages(receiver)[0]["messages"]![0]!["image"]!["id"]!.GetValue<string>());
        using var download = await gateway.SendAsync(HttpMethod.Get, $"/v1/media/{missing}", token);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        using var management = new HttpClient { BaseAddress = cluster.CoreApp("coreapp-a").ManagementUrl };
        var metrics = await PrometheusScrape.GetAsync(management);
        Assert.Equal(1, metrics.Of("multiconnect_inbound_media_unavailable_total").Sum(sample => sample.Value));
    }

    private static async Task<string> UploadAsync(GatewayNode gateway, string token, string contentType, string content)
    {
        using var response = await gateway.SendAsync(HttpMethod.Post, "/v1/media", token, content, contentType);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("media")[0].GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_message_of_every_type_reaches_its_recipient_with_its_type_and_body_unchanged()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, phone) = await StartAsync(cluster);
        const string recipient = "16315550171";
        var uploaded = new Dictionary<string, string>
        {
            ["{document}"] = await UploadAsync(gateway, token, "application/pdf", "%PDF-1.4 the invoice"),
            ["{audio}"] = await UploadAsync(gateway, token, "audio/mpeg", "ID3 a voice message"),
            ["{sticker}"] = await UploadAsync(gateway, token, "image/webp", "RIFF a sticker"),
        };
        var outbound = Outbound.Select(o => (o.Type, Content: uploaded.Aggregate(o.Content, (content, file) => content.Replace(file.Key, file.Value, StringComparison.Ordinal)))).ToArray();

        var ids = new List<string>();
        foreach (var (type, content) in outbound)
        {
            ids.Add(await SendMessageAsync(gateway, token, $$"""{"recipient_type":"individual","to":"{{recipient}}","type":"{{type}}","{{type}}":{{content}}}"""));
        }

        await Eventually.True(async () => (await cluster.Simulator!.DeliveredIdsAsync(phone, recipient)).Count == Outbound.Length, "every message to reach its recipient", Delivery);
        var delivered = await cluster.Simulator!.DeliveredMessagesAsync(phone, recipient);
        Assert.Equal(ids, delivered.Select(d => d.Id));
        Assert.Equal(Outbound.Select(o => o.Type), delivered.Select(d => d.Type));
        foreach (var (message, (type, content)) in delivered.Zip(outbound))
        {
            if (type == "text")
            {
                Assert.Equal(JsonNode.Parse(content)!["body"]!.GetValue<string>(), message.Body);
            }
            else
            {
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(content), JsonNode.Parse(message.Body)), $"{type}: {message.Body}");
            }
        }

        Assert.Equal(Outbound.Select(o => o.Type), await ColumnAsync(cluster, "SELECT m.type FROM messages_out m JOIN unnest($1::text[]) WITH ORDINALITY AS i(id, n) USING (id) ORDER BY i.n", ids));
        Assert.Equal(0, await cluster.Simulator!.CounterAsync(phone, "refused_content"));
    }

    [Fact]
    public async Task A_body_the_servers_refuse_becomes_a_failed_status_with_the_originals_error_and_a_recovered_message_keeps_its_type()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, phone) = await StartAsync(cluster);
        await using var receiver = WebhookReceiver.Start();
        await ApplicationSettingsClient.SetAsync(gateway, token, receiver.Url, sentStatus: true);
        const string recipient = "16315550172";

        // Messages accepted (as an older gateway accepted them, before it checked types) and not yet sent
        // when their CoreApp stopped: the next owner of the shard loads them from messages_out and sends them.
        await cluster.CoreApp("coreapp-a").StopAsync(TimeSpan.FromSeconds(30));
        await using (var insert = cluster.Database.CreateCommand("""
            INSERT INTO messages_out (id, service_id, shard_id, recipient, body, accepted_epoch, generation, shards, bucket, type)
            SELECT m.id, s.service_id, 0, $1, m.body, l.epoch, s.generation, s.shard_count, $2, m.type
              FROM unnest($3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS m(id, type, body, position)
              JOIN shard_maps s ON true JOIN shard_leases l ON l.service_id = s.service_id AND l.shard_id = 0
             ORDER BY m.position
            """))
        {
            insert.Parameters.Add(new() { Value = recipient });
            insert.Parameters.Add(new() { Value = (short)ShardRouter.BucketFor(RecipientId.Parse(recipient)) });
            insert.Parameters.Add(new() { Value = new[] { "wamid.no-latitude", "wamid.no-language", "wamid.template" } });
            insert.Parameters.Add(new() { Value = new[] { "location", "template", "template" } });
            insert.Parameters.Add(new() { Value = new[] { """{"longitude":-122.4}""", """{"name":"order_update"}""", """{"name":"order_update","language":{"code":"en"}}""" } });
            Assert.Equal(3, await insert.ExecuteNonQueryAsync());
        }

        await cluster.StartCoreAppAsync("coreapp-b");

        await Eventually.True(() => Task.FromResult(Status(receiver, "wamid.no-latitude", "failed") is not null && Status(receiver, "wamid.no-language", "failed") is not null),
            "the refused messages' failed statuses to reach the webhook", Delivery);
        await Eventually.True(async () => (await cluster.Simulator!.DeliveredIdsAsync(phone, recipient)).Count == 1, "the valid template to be delivered", Delivery);

        var location = Assert.Single(Status(receiver, "wamid.no-latitude", "failed")!["errors"]!.AsArray())!;
        Assert.Equal((1026, "Receiver Incapable"), (location["code"]!.GetValue<int>(), location["title"]!.GetValue<string>()));
        Assert.Equal("content_invalid: location: latitude is required (a number from -90 to 90)", location["details"]!.GetValue<string>());
        var template = Assert.Single(Status(receiver, "wamid.no-language", "failed")!["errors"]!.AsArray())!;
        Assert.Equal((2009, "Template Required Component Missing"), (template["code"]!.GetValue<int>(), template["title"]!.GetValue<string>()));
        Assert.Contains("language is required", template["details"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(receiver.Delivered.Where(call => call.CallbackId is "wamid.no-latitude" or "wamid.no-language"),
            call => Assert.Equal("failed", JsonNode.Parse(call.Body)!["statuses"]![0]!["status"]!.GetValue<string>()));

        Assert.Equal([("wamid.template", "template", """{"name":"order_update","language":{"code":"en"}}""")], await cluster.Simulator!.DeliveredMessagesAsync(phone, recipient));
        Assert.Equal(["content_invalid", "content_invalid"],
            await ColumnAsync(cluster, "SELECT split_part(refusal, ':', 1) FROM messages_out WHERE id = ANY($1) ORDER BY id", ["wamid.no-language", "wamid.no-latitude"]));
        Assert.Equal(2, await cluster.Simulator!.CounterAsync(phone, "refused_content"));
    }

    [Fact]
    public async Task A_template_not_approved_or_filled_otherwise_becomes_a_failed_status_with_the_originals_2001_or_2000()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, phone) = await StartAsync(cluster);
        await using var receiver = WebhookReceiver.Start();
        await ApplicationSettingsClient.SetAsync(gateway, token, receiver.Url);
        await cluster.Simulator!.ApproveTemplateAsync(phone, "order_update", "en_US", 1);
        const string recipient = "16315550174";

        var missing = await SendMessageAsync(gateway, token, """{"to":"16315550174","type":"template","template":{"name":"order_updates","language":{"code":"en_US"}}}""");
        var mismatch = await SendMessageAsync(gateway, token, """{"to":"16315550174","type":"template","template":{"name":"order_update","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]}}""");
        var sent = await SendMessageAsync(gateway, token, """{"to":"16315550174","type":"template","template":{"name":"order_update","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"a"}]}]}}""");

        await Eventually.True(() => Task.FromResult(Status(receiver, missing, "failed") is not null && Status(receiver, mismatch, "failed") is not null),
            "both failed statuses to reach the webhook", Delivery);
        await Eventually.True(async () => (await cluster.Simulator!.DeliveredIdsAsync(phone, recipient)).Count == 1, "the approved template to be delivered", Delivery);

        var notApproved = Assert.Single(Status(receiver, missing, "failed")!["errors"]!.AsArray())!;
        var wrongCount = Assert.Single(Status(receiver, mismatch, "failed")!["errors"]!.AsArray())!;
        Assert.Equal((2001, "Template Missing", "template_missing: template: no approved template order_updates in en_US"),
            (notApproved["code"]!.GetValue<int>(), notApproved["title"]!.GetValue<string>(), notApproved["details"]!.GetValue<string>()));
        Assert.Equal((2000, "Template Param Count Mismatch"), (wrongCount["code"]!.GetValue<int>(), wrongCount["title"]!.GetValue<string>()));
        Assert.Equal([sent], await cluster.Simulator!.DeliveredIdsAsync(phone, recipient));
    }

    [Fact]
    public async Task A_message_not_sent_within_its_ttl_becomes_a_failed_status_410_and_the_rest_are_sent()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, phone) = await StartAsync(cluster);
        await using var receiver = WebhookReceiver.Start();
        await ApplicationSettingsClient.SetAsync(gateway, token, receiver.Url);
        var simulator = cluster.Simulator!;
        const string recipient = "16315550173";

        // The servers close the shard's session and take no new one for a while: the messages wait.
        await Eventually.True(async () => await SessionAsync() != JsonValueKind.Null, "the shard's session to be open", Delivery);
        await simulator.PostAdminAsync("/admin/faults/refuse-sessions", new { seconds = 8, number = RunningSimulator.Cc + phone });
        await simulator.PostAdminAsync("/admin/faults/close-session", new { number = RunningSimulator.Cc + phone, shard = 0 });
        await Eventually.True(async () => await SessionAsync() == JsonValueKind.Null, "the shard's session to be closed", Delivery);

        var expiring = await SendMessageAsync(gateway, token, """{"to":"16315550173","type":"template","ttl":1,"template":{"name":"otp","language":{"code":"en"}}}""");
        var text = await SendMessageAsync(gateway, token, """{"to":"16315550173","text":{"body":"no ttl"}}""");
        var example = await SendMessageAsync(gateway, token, """{"to":"16315550173","type":"template","ttl":"P4D","template":{"namespace":"ns","name":"order_update","language":{"policy":"deterministic","code":"en_US"}}}""");

        await Eventually.True(() => Task.FromResult(Status(receiver, expiring, "failed") is not null), "the expired message's failed status to reach the webhook", Delivery);
        await Eventually.True(async () => (await simulator.DeliveredIdsAsync(phone, recipient)).Count == 2, "the other two to be delivered", Delivery);

        var error = Assert.Single(Status(receiver, expiring, "failed")!["errors"]!.AsArray())!;
        Assert.Equal((410, "Message expired"), (error["code"]!.GetValue<int>(), error["title"]!.GetValue<string>()));
        Assert.StartsWith("expired: not sent within its ttl", error["details"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal([text, example], await simulator.DeliveredIdsAsync(phone, recipient));
        Assert.Equal(["expired"], await ColumnAsync(cluster, "SELECT split_part(refusal, ':', 1) FROM messages_out WHERE id = ANY($1)", [expiring]));

        async Task<JsonValueKind> SessionAsync() =>
            (await simulator.NumberAsync(phone)).GetProperty("shards") is { } shards && shards.GetArrayLength() > 0
                ? shards[0].GetProperty("session").ValueKind
                : JsonValueKind.Null;
    }

    /// <summary>Sends <paramref name="body"/> with POST /v1/messages, which must accept it; its id.</summary>
    private static async Task<string> SendMessageAsync(GatewayNode gateway, string token, string body)
    {
        using var response = await gateway.SendAsync(HttpMethod.Post, "/v1/messages", token, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()} for {body}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages")[0].GetProperty("id").GetString()!;
    }

    private static async Task<(GatewayNode Gateway, string Token, string Phone)> StartAsync(LocalCluster cluster)
    {
        await cluster.StartSimulatorAsync();
        await cluster.StartCoreAppAsync("coreapp-a");
        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();
        var phone = await cluster.RegisterAccountAsync(gateway, token, shards: 1);
        await Eventually.True(async () => (await cluster.LeasesAsync()).Count == 1, "the shard to be active", Delivery);
        return (gateway, token, phone);
    }

    private static List<JsonNode> Messages(WebhookReceiver receiver) =>
        [.. receiver.Delivered.Select(call => JsonNode.Parse(call.Body)!).Where(body => body["messages"] is not null)];

    private static JsonNode? Status(WebhookReceiver receiver, string id, string status) =>
        receiver.Delivered.Select(call => JsonNode.Parse(call.Body)!["statuses"]?[0])
            .FirstOrDefault(s => s?["id"]?.GetValue<string>() == id && s["status"]?.GetValue<string>() == status);

    private static async Task<List<string?>> ColumnAsync(LocalCluster cluster, string sql, IReadOnlyList<string> ids)
    {
        await using var command = cluster.Database.CreateCommand(sql);
        command.Parameters.Add(new() { Value = ids.ToArray() });
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string?>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }

        return values;
    }
}
