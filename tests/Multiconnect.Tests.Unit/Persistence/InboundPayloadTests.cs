using System.Text.Json.Nodes;
using Multiconnect.Persistence;

namespace Multiconnect.Tests.Unit.Persistence;

/// <summary>The webhook payload of a user's message, in the original's shape for each type (WA-API.md §5.2).</summary>
public sealed class InboundPayloadTests
{
    private const long At = 1_796_100_875_123;

    [Fact]
    public void A_text_carries_its_body_the_profile_name_and_the_time_in_seconds()
    {
        var payload = Build(new InboundMessage("in.1", "19995500042", "where is my order?", At, "Andre"));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"contacts":[{"profile":{"name":"Andre"},"wa_id":"19995500042"}],
             "messages":[{"from":"19995500042","id":"in.1","timestamp":"1796100875","type":"text","text":{"body":"where is my order?"}}]}
            """), payload), payload.ToJsonString());
    }

    [Theory]
    [InlineData("image", """{"id":"d674171b","mime_type":"image/jpeg","sha256":"79bc","caption":"a cat"}""")]
    [InlineData("voice", """{"id":"v1","mime_type":"audio/ogg; codecs=opus","sha256":"ab"}""")]
    [InlineData("location", """{"latitude":37.758056,"longitude":-122.425332,"name":"Home","address":"1 Hacker Way"}""")]
    [InlineData("contacts", """[{"name":{"formatted_name":"John Smith"},"phones":[{"phone":"+1 650 555 1234","wa_id":"16505551234"}]}]""")]
    [InlineData("button", """{"payload":"order-status","text":"Where is my order?"}""")]
    [InlineData("interactive", """{"type":"list_reply","list_reply":{"id":"t","title":"Tracking","description":"Where my parcel is"}}""")]
    public void Any_other_type_carries_its_object_unchanged_under_its_type(string type, string content)
    {
        var message = Build(new InboundMessage("in.2", "19995500042", content, At, "Andre", type))["messages"]![0]!;

        Assert.Equal(type, message["type"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(content), message[type]), message.ToJsonString());
        Assert.Equal(["from", "id", "timestamp", "type", type], message.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData("image", "not json")]
    [InlineData("location", "42")]
    [InlineData("from", """{"a":1}""")]
    [InlineData("Image", """{"id":"i"}""")]
    public void Content_that_cannot_be_shown_as_its_type_is_an_unknown_message_with_the_originals_501(string type, string body)
    {
        var message = Build(new InboundMessage("in.3", "19995500042", body, At, Type: type))["messages"]![0]!;

        Assert.Equal("unknown", message["type"]!.GetValue<string>());
        Assert.Equal("19995500042", message["from"]!.GetValue<string>());
        Assert.Equal(501, message["errors"]![0]!["code"]!.GetValue<int>());
    }

    [Fact]
    public void Without_a_profile_name_the_user_is_named_by_number()
    {
        var payload = Build(new InboundMessage("in.4", "19995500042", "hi", At));

        Assert.Equal("19995500042", payload["contacts"]![0]!["profile"]!["name"]!.GetValue<string>());
    }

    private static JsonNode Build(InboundMessage message) => JsonNode.Parse(InboundPayload.Build(message))!;
}
