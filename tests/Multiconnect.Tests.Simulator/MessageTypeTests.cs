using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Multiconnect.Contracts.Messaging;

namespace Multiconnect.Tests.Simulator;

/// <summary>Every message type over the protocol: the servers deliver what they can, refuse the rest with a reason, and users write every type.</summary>
public sealed class MessageTypeTests(SimulatorFixture fixture) : SharedSimulatorTests(fixture)
{
    private static readonly (string Type, string Body)[] Outbound =
    [
        ("text", "seq=1 hello"),
        ("template", """{"namespace":"ns","name":"order_update","language":{"policy":"deterministic","code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Chef"}]}]}"""),
        ("hsm", """{"namespace":"ns","element_name":"order_update","language":{"policy":"deterministic","code":"en_US"},"localizable_params":[{"default":"$10"}]}"""),
        ("image", """{"link":"https://example.com/a.jpg","caption":"a cat"}"""),
        ("document", """{"id":"f00","caption":"the invoice","filename":"invoice.pdf"}"""),
        ("audio", """{"id":"a1"}"""),
        ("video", """{"link":"https://example.com/a.mp4","caption":"a clip"}"""),
        ("sticker", """{"id":"s1"}"""),
        ("location", """{"longitude":-122.425332,"latitude":37.758056,"name":"Facebook HQ","address":"1 Hacker Way"}"""),
        ("contacts", """[{"name":{"formatted_name":"John Smith"},"phones":[{"phone":"+1 (650) 555-1234","type":"WORK"}]}]"""),
        ("interactive", """{"type":"button","body":{"text":"Pick one"},"action":{"buttons":[{"type":"reply","reply":{"id":"0","title":"BUTTON1"}}]}}"""),
        ("reaction", """{"message_id":"wamid.HBgL","emoji":"👍"}"""),
    ];

    [Fact]
    public async Task A_message_of_every_type_is_delivered_and_the_audit_shows_its_type_and_body_unchanged()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var session = await Simulator.OpenAsync(phone, cert);
        const string recipient = "447700900401";
        foreach (var (id, contentType) in new[] { ("f00", "application/pdf"), ("a1", "audio/ogg"), ("s1", "image/webp") })
        {
            Assert.Null(await Simulator.PutMediaAsync(phone, cert, id, contentType, [1, 2, 3]));
        }

        foreach (var (type, body) in Outbound)
        {
            var result = await session.SendAsync(new OutboundMessage($"t.{type}", recipient, body, Type: type));
            Assert.True(result.Accepted, $"{type}: {result.Reason} {result.Detail}");
        }

        var delivered = await Simulator.DeliveredMessagesAsync(phone, recipient);
        Assert.Equal(Outbound.Select(m => ($"t.{m.Type}", m.Type, m.Body)), delivered);
        Assert.Equal(Outbound.Length, await Simulator.CounterAsync(phone, "delivered"));
        Assert.Equal(0, await Simulator.CounterAsync(phone, "refused_content"));
    }

    [Fact]
    public async Task A_body_its_type_cannot_take_or_a_type_the_servers_do_not_deliver_is_refused_with_a_reason_and_not_delivered()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var session = await Simulator.OpenAsync(phone, cert);
        const string recipient = "447700900402";

        var noLatitude = await session.SendAsync(new OutboundMessage("bad.location", recipient, """{"longitude":-122.4}""", Type: "location"));
        var noLanguage = await session.SendAsync(new OutboundMessage("bad.template", recipient, """{"name":"order_update"}""", Type: "template"));
        var notJson = await session.SendAsync(new OutboundMessage("bad.contacts", recipient, "John Smith", Type: "contacts"));
        var unknown = await session.SendAsync(new OutboundMessage("bad.type", recipient, """{"a":1}""", Type: "order"));
        var fine = await session.SendAsync(new OutboundMessage("good.location", recipient, """{"longitude":-122.4,"latitude":37.7}""", Type: "location"));

        Assert.Equal((false, RefusalReasons.ContentInvalid, "location: latitude is required (a number from -90 to 90)"), (noLatitude.Accepted, noLatitude.Reason, noLatitude.Detail));
        Assert.Equal((false, RefusalReasons.ContentInvalid, "template: language is required (an object with a code)"), (noLanguage.Accepted, noLanguage.Reason, noLanguage.Detail));
        Assert.Equal((false, RefusalReasons.ContentInvalid, "contacts: the body is not JSON"), (notJson.Accepted, notJson.Reason, notJson.Detail));
        Assert.Equal((false, RefusalReasons.TypeUnsupported), (unknown.Accepted, unknown.Reason));
        Assert.Contains("type 'order'", unknown.Detail, StringComparison.Ordinal);
        Assert.True(fine.Accepted);

        Assert.Equal(["good.location"], await Simulator.DeliveredIdsAsync(phone, recipient));
        Assert.Equal(4, await Simulator.CounterAsync(phone, "refused_content"));
        Assert.Equal(4, await Simulator.CounterAsync(phone, "refused_sends"));
    }

    [Fact]
    public async Task Once_a_number_has_templates_approved_a_template_must_name_one_in_its_language_and_fill_its_body_exactly()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var session = await Simulator.OpenAsync(phone, cert);
        const string recipient = "447700900404";
        static string Template(string name, string language, int parameters) =>
            $$"""{"name":"{{name}}","language":{"code":"{{language}}"},"components":[{"type":"header","parameters":[{"type":"text","text":"h"}]},{"type":"body","parameters":[{{string.Join(",", Enumerable.Repeat("""{"type":"text","text":"p"}""", parameters))}}]}]}""";

        var beforeAny = await session.SendAsync(new OutboundMessage("t.any", recipient, Template("anything", "en", 0), Type: "template"));
        await Simulator.ApproveTemplateAsync(phone, "order_update", "en_US", 2);
        var sent = await session.SendAsync(new OutboundMessage("t.ok", recipient, Template("order_update", "en_US", 2), Type: "template"));
        var hsm = await session.SendAsync(new OutboundMessage("t.hsm", recipient, """{"namespace":"ns","element_name":"order_update","language":{"code":"en_US"},"localizable_params":[{"default":"a"},{"default":"b"}]}""", Type: "hsm"));
        var unknown = await session.SendAsync(new OutboundMessage("t.unknown", recipient, Template("anything", "en", 0), Type: "template"));
        var language = await session.SendAsync(new OutboundMessage("t.fr", recipient, Template("order_update", "fr", 2), Type: "template"));
        var count = await session.SendAsync(new OutboundMessage("t.three", recipient, Template("order_update", "en_US", 3), Type: "template"));

        Assert.True(beforeAny.Accepted && sent.Accepted && hsm.Accepted, $"{beforeAny.Detail} {sent.Detail} {hsm.Detail}");
        Assert.Equal((RefusalReasons.TemplateMissing, "template: no approved template anything in en"), (unknown.Reason, unknown.Detail));
        Assert.Equal(RefusalReasons.TemplateMissing, language.Reason);
        Assert.Equal((RefusalReasons.TemplateParamMismatch, "template: template order_update in en_US takes 2 body parameters, not 3"), (count.Reason, count.Detail));
        Assert.Equal(["t.any", "t.ok", "t.hsm"], await Simulator.DeliveredIdsAsync(phone, recipient));
        var listed = await Simulator.Admin.GetFromJsonAsync<JsonElement>($"/admin/numbers/{SimulatorAdmin.Cc}{phone}/templates");
        Assert.Equal("""[{"name":"order_update","language":"en_US","parameters":2}]""", listed.GetRawText());
    }

    [Fact]
    public async Task A_send_frame_without_a_message_type_is_a_text()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        const string recipient = "447700900403";
        var hello = RawUpstream.Json(new HelloFrame(UpstreamProtocol.Version, RunningSimulator.Cc, phone, 0, 1, 1, cert));
        // An older client's frame: no message_type, and a body that is not JSON.
        var send = JsonNode.Parse(RawUpstream.Json(new SendFrame("old.1", recipient, "{ just words", Epoch: 1)))!.AsObject();
        Assert.Equal("text", send["message_type"]!.GetValue<string>());
        Assert.True(send.Remove("message_type"));

        using var raw = await RawUpstream.ConnectAsync(Simulator.Process.BaseAddress);
        var answered = await raw.ExchangeAsync(hello + "\n" + send.ToJsonString(), 2);

        Assert.IsType<AckFrame>(answered[1]);
        Assert.Equal([("old.1", "text", "{ just words")], await Simulator.DeliveredMessagesAsync(phone, recipient));
    }

    [Fact]
    public async Task Users_write_every_inbound_type_with_its_object_and_media_gets_an_id_a_mime_type_and_a_sha256()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var session = await Simulator.OpenAsync(phone, cert);
        const string user = "19995500411";
        var written = new (string Type, string Content)[]
        {
            ("text", """{"body":"where is my order?"}"""),
            ("image", """{"caption":"the parcel"}"""),
            ("document", """{"id":"doc-1","mime_type":"application/pdf","sha256":"abc123","filename":"receipt.pdf","caption":"receipt"}"""),
            ("audio", "{}"),
            ("video", """{"caption":"unboxing"}"""),
            ("voice", "{}"),
            ("sticker", "{}"),
            ("location", """{"latitude":37.758056,"longitude":-122.425332,"name":"Home"}"""),
            ("contacts", """[{"name":{"formatted_name":"John Smith"},"phones":[{"phone":"+1 650 555 1234","wa_id":"16505551234"}]}]"""),
            ("button", """{"payload":"order-status","text":"Where is my order?"}"""),
            ("interactive", """{"type":"button_reply","button_reply":{"id":"yes","title":"Yes"}}"""),
            ("interactive", """{"type":"list_reply","list_reply":{"id":"t","title":"Tracking","description":"Where my parcel is"}}"""),
        };

        var ids = new List<string>();
        foreach (var (type, content) in written)
        {
            ids.Add(await Simulator.InjectInboundAsync(phone, user, type, content, "Andre"));
        }

        var frames = new List<InboundFrame>();
        while (frames.Count < written.Length)
        {
            var frame = await session.NextAsync<InboundFrame>(f => f.From == user && !frames.Exists(seen => seen.Id == f.Id));
            frames.Add(frame);
            session.AckInbound(frame.Id);
        }

        Assert.Equal(ids, frames.Select(f => f.Id));
        Assert.All(frames, f => Assert.Equal("Andre", f.Name));
        Assert.Equal(written.Select(w => w.Type), frames.Select(f => f.MessageType));
        Assert.Equal("where is my order?", frames[0].Body);
        foreach (var (frame, (type, content)) in frames.Zip(written).Skip(1))
        {
            var body = JsonNode.Parse(frame.Body)!;
            if (MessageTypes.Media.Contains(type))
            {
                // What was given arrives as given; the servers add what a user's file always has.
                foreach (var (key, value) in JsonNode.Parse(content)!.AsObject())
                {
                    Assert.True(JsonNode.DeepEquals(value, body[key]), $"{type}.{key}");
                }

                Assert.All(["id", "mime_type", "sha256"], key => Assert.False(string.IsNullOrEmpty(body[key]?.GetValue<string>()), $"{type}.{key}"));
            }
            else
            {
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(content), body), $"{type}: {frame.Body}");
            }
        }

        Assert.Equal("image/jpeg", JsonNode.Parse(frames[1].Body)!["mime_type"]!.GetValue<string>());
        Assert.Equal("audio/ogg; codecs=opus", JsonNode.Parse(frames[5].Body)!["mime_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Simulated_users_write_the_configured_types_mixed_each_in_its_webhook_shape()
    {
        await using var simulator = await RunningSimulator.StartAsync(new Dictionary<string, string>
        {
            ["Inbound__MessagesPerSecond"] = "40",
            ["Inbound__Types__0"] = "image",
            ["Inbound__Types__1"] = "location",
            ["Inbound__Types__2"] = "interactive",
        });
        var (phone, cert) = await simulator.NewNumberAsync();
        await using var session = await simulator.OpenAsync(phone, cert);

        var types = new HashSet<string>(StringComparer.Ordinal);
        for (var read = 0; read < 30 || types.Count < 3; read++)
        {
            var frame = await session.NextAsync<InboundFrame>();
            using var content = JsonDocument.Parse(frame.Body);
            Assert.Null(MessageContent.InboundProblem(frame.MessageType, content.RootElement));
            Assert.False(string.IsNullOrEmpty(frame.Name));
            types.Add(frame.MessageType);
            session.AckInbound(frame.Id);
        }

        Assert.Equal(["image", "interactive", "location"], types.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"from":"19995500412","type":"location","location":{"longitude":1}}""", "location: latitude is required")]
    [InlineData("""{"from":"19995500412","type":"image"}""", "image: required")]
    [InlineData("""{"from":"19995500412","type":"image","image":{"id":"i"},"location":{"latitude":1,"longitude":1}}""", "location: not allowed for type 'image'")]
    [InlineData("""{"from":"19995500412","type":"template","template":{}}""", "type: 'template' is not a type users write")]
    [InlineData("""{"from":"19995500412","type":"button","body":"hi"}""", "body: only for a text")]
    [InlineData("""{"from":"19995500412","type":"interactive","interactive":{"type":"button_reply"}}""", "interactive: button_reply is required")]
    public async Task The_inject_endpoint_refuses_a_message_its_type_cannot_take(string request, string problem)
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var session = await Simulator.OpenAsync(phone, cert);

        using var content = new StringContent(request, System.Text.Encoding.UTF8, "application/json");
        using var response = await Simulator.Admin.PostAsync($"/admin/numbers/{SimulatorAdmin.Cc}{phone}/inbound", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(problem, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Simulator.CounterAsync(phone, "inbound_created"));
    }
}
