using System.Text.Json;
using Multiconnect.Contracts.Messaging;
using Multiconnect.Upstream;

namespace Multiconnect.Tests.Unit.Upstream;

/// <summary>The servers' check of what each message type's object holds (the simulator refuses a send that fails it).</summary>
public sealed class MessageContentTests
{
    /// <summary>One body of each outbound type, in the shapes of WA-API.md §3, that the servers deliver.</summary>
    public static TheoryData<string, string> Deliverable => new()
    {
        { "template", """{"namespace":"ns","name":"order_update","language":{"policy":"deterministic","code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Chef"}]}]}""" },
        { "template", """{"name":"hello_world","language":{"code":"en"}}""" },
        { "hsm", """{"namespace":"ns","element_name":"order_update","language":{"policy":"deterministic","code":"en_US"},"localizable_params":[{"default":"$10"}]}""" },
        { "image", """{"link":"https://example.com/a.jpg","caption":"a cat","provider":{"name":"cdn"}}""" },
        { "image", """{"id":"d674171b-b912-4d76-9118-e2d571e16f33"}""" },
        { "document", """{"id":"f00","caption":"the invoice","filename":"invoice.pdf"}""" },
        { "audio", """{"link":"http://example.com/a.mp3"}""" },
        { "video", """{"id":"v1","caption":"a clip"}""" },
        { "sticker", """{"id":"s1"}""" },
        { "location", """{"longitude":-122.425332,"latitude":37.758056,"name":"Facebook HQ","address":"1 Hacker Way"}""" },
        { "location", """{"longitude":180,"latitude":-90}""" },
        { "contacts", """[{"name":{"formatted_name":"John Smith","first_name":"John"},"phones":[{"phone":"+1 (650) 555-1234","type":"WORK"}]}]""" },
        { "interactive", """{"type":"button","body":{"text":"Pick one"},"action":{"buttons":[{"type":"reply","reply":{"id":"0","title":"BUTTON1"}}]}}""" },
        { "interactive", """{"type":"list","body":{"text":"Pick"},"action":{"button":"Menu","sections":[{"title":"S1","rows":[{"id":"0","title":"ROW1"}]}]}}""" },
        { "reaction", """{"message_id":"wamid.HBgL","emoji":"👍"}""" },
        { "reaction", """{"message_id":"wamid.HBgL","emoji":""}""" },
    };

    /// <summary>Bodies the servers refuse, each with the words the reason must name.</summary>
    public static TheoryData<string, string, string> Refused => new()
    {
        { "template", """{"language":{"code":"en"}}""", "template: name is required" },
        { "template", """{"name":"hello_world"}""", "template: language is required" },
        { "template", """{"name":"hello_world","language":{"policy":"deterministic"}}""", "template: language.code is required" },
        { "template", """{"name":"hello_world","language":{"code":"en"},"components":{}}""", "template: components must be an array" },
        { "template", """["hello_world"]""", "template: must be a JSON object" },
        { "hsm", """{"element_name":"e","language":{"code":"en"}}""", "hsm: namespace is required" },
        { "hsm", """{"namespace":"ns","language":{"code":"en"}}""", "hsm: element_name is required" },
        { "image", """{"caption":"no file"}""", "image: needs exactly one of id and link" },
        { "image", """{"id":"x","link":"https://example.com/a.jpg"}""", "image: needs exactly one of id and link" },
        { "image", """{"link":"ftp://example.com/a.jpg"}""", "image: link must be an http or https URL" },
        { "image", """{"link":"a.jpg"}""", "image: link must be an http or https URL" },
        { "image", """{"id":""}""", "image: id is required" },
        { "audio", """{"id":"a1","caption":"no"}""", "audio: caption is allowed for image, video and document only" },
        { "sticker", """{"id":"s1","caption":"no"}""", "sticker: caption is allowed" },
        { "image", """{"id":"i1","filename":"a.jpg"}""", "image: filename is allowed for document only" },
        { "document", """{"id":"d1","filename":7}""", "document: filename must be a string" },
        { "location", """{"longitude":-122.4}""", "location: latitude is required (a number from -90 to 90)" },
        { "location", """{"latitude":91,"longitude":0}""", "location: latitude is required" },
        { "location", """{"latitude":"37.7","longitude":0}""", "location: latitude is required" },
        { "location", """{"latitude":0,"longitude":-180.5}""", "location: longitude is required (a number from -180 to 180)" },
        { "contacts", """[]""", "contacts: must be a non-empty array" },
        { "contacts", """{"name":{"formatted_name":"John"}}""", "contacts: must be a non-empty array" },
        { "contacts", """[{"name":{"formatted_name":"John"}},{"phones":[]}]""", "contacts: contact 1: name is required" },
        { "contacts", """[{"name":{"first_name":"John"}}]""", "contacts: contact 0: name.formatted_name is required" },
        { "interactive", """{"action":{"buttons":[]}}""", "interactive: type must be one of button, list, product, product_list" },
        { "interactive", """{"type":"carousel","action":{}}""", "interactive: type must be one of" },
        { "interactive", """{"type":"button","body":{"text":"Pick"}}""", "interactive: action is required" },
        { "reaction", """{"emoji":"👍"}""", "reaction: message_id is required" },
        { "reaction", """{"message_id":"wamid.1"}""", "reaction: emoji is required" },
        { "location", """{"latitude":1,""", "location: the body is not JSON" },
        { "contacts", "", "contacts: the body is not JSON" },
    };

    [Theory]
    [MemberData(nameof(Deliverable))]
    public void A_body_of_the_originals_shape_is_delivered(string type, string body) =>
        Assert.Null(MessageContent.OutboundProblem(type, body));

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_body_lacking_what_its_type_needs_is_refused_naming_the_field(string type, string body, string reason) =>
        Assert.StartsWith(reason, MessageContent.OutboundProblem(type, body), StringComparison.Ordinal);

    [Fact]
    public void Every_outbound_type_but_text_is_checked_and_a_text_is_its_own_body()
    {
        Assert.Null(MessageContent.OutboundProblem("text", "{ not json, just words"));
        Assert.All(MessageTypes.Outbound.Where(type => type != "text"), type => Assert.NotNull(MessageContent.OutboundProblem(type, "{}")));
    }

    [Theory]
    [InlineData("text", """{"body":"where is my order?"}""")]
    [InlineData("image", """{"id":"d674171b","mime_type":"image/jpeg","sha256":"79bc","caption":"a cat"}""")]
    [InlineData("document", """{"id":"d1","mime_type":"application/pdf","sha256":"ab","filename":"invoice.pdf","caption":"x"}""")]
    [InlineData("voice", """{"id":"v1","mime_type":"audio/ogg; codecs=opus","sha256":"ab"}""")]
    [InlineData("location", """{"latitude":37.758056,"longitude":-122.425332,"name":"Home"}""")]
    [InlineData("contacts", """[{"name":{"formatted_name":"John Smith"}}]""")]
    [InlineData("button", """{"payload":"order-status","text":"Where is my order?"}""")]
    [InlineData("interactive", """{"type":"button_reply","button_reply":{"id":"yes","title":"Yes"}}""")]
    [InlineData("interactive", """{"type":"list_reply","list_reply":{"id":"t","title":"Tracking","description":"Where my parcel is"}}""")]
    public void A_users_message_in_the_originals_webhook_shape_is_accepted(string type, string content) =>
        Assert.Null(MessageContent.InboundProblem(type, JsonDocument.Parse(content).RootElement));

    [Theory]
    [InlineData("text", """{"body":""}""", "text: body is required")]
    [InlineData("image", """{"id":"i","mime_type":"image/jpeg"}""", "image: sha256 is required")]
    [InlineData("voice", """{"id":"v","mime_type":"audio/ogg","sha256":"ab","caption":"no"}""", "voice: caption is allowed for image, video and document only")]
    [InlineData("button", """{"payload":"p"}""", "button: text is required")]
    [InlineData("interactive", """{"type":"button_reply","list_reply":{"id":"a","title":"b"}}""", "interactive: button_reply is required")]
    [InlineData("interactive", """{"type":"list_reply","list_reply":{"id":"a"}}""", "interactive: list_reply.title is required")]
    [InlineData("template", """{"name":"x","language":{"code":"en"}}""", "template: is not a type users write")]
    public void A_users_message_lacking_what_its_type_needs_is_refused(string type, string content, string reason) =>
        Assert.StartsWith(reason, MessageContent.InboundProblem(type, JsonDocument.Parse(content).RootElement), StringComparison.Ordinal);
}
