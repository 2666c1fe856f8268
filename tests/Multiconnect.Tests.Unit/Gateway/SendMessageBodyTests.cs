using System.Text.Json;
using Multiconnect.Gateway.Errors;
using Multiconnect.Gateway.Requests;
using Multiconnect.Gateway.Requests.Messages;

namespace Multiconnect.Tests.Unit.Gateway;

public sealed class SendMessageBodyTests
{
    [Fact]
    public void A_text_message_is_accepted_with_the_recipient_in_canonical_form()
    {
        var request = Validate("""{"recipient_type":"individual","to":"+1 631 555 1234","type":"text","text":{"body":"hello"}}""");

        Assert.True(request.IsValid);
        Assert.Equal("16315551234", request.Value.Recipient.Value);
        Assert.Equal("text", request.Value.MessageType);
        Assert.Equal("hello", request.Value.Content());
    }

    [Fact]
    public void Recipient_type_and_type_may_be_left_out()
    {
        Assert.True(Validate("""{"to":"16315551234","text":{"body":"hi"}}""").IsValid);
    }

    [Fact]
    public void A_body_of_exactly_4096_characters_is_accepted_and_one_more_is_the_originals_message_too_long()
    {
        Assert.True(Validate(Body(4096)).IsValid);
        var error = Assert.Single(Validate(Body(4097)).Error!.Errors);
        Assert.Equal(ApiErrorCodes.MessageTooLong, error.Code);
        Assert.StartsWith("text.body", error.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"text","text":{"body":"x"}}""", ApiErrorCodes.RequiredParameterMissing, "to")]
    [InlineData("""{"to":"16315551234","type":"text"}""", ApiErrorCodes.RequiredParameterMissing, "text")]
    [InlineData("""{"to":"16315551234","text":{}}""", ApiErrorCodes.RequiredParameterMissing, "text.body")]
    [InlineData("""{"to":"16315551234","text":{"body":""}}""", ApiErrorCodes.ParameterValueNotValid, "text.body")]
    [InlineData("""{"to":"16315551234","text":{"body":7}}""", ApiErrorCodes.ParameterValueNotValid, "text.body")]
    [InlineData("""{"to":"16315551234","text":"hi"}""", ApiErrorCodes.ParameterValueNotValid, "text")]
    [InlineData("""{"to":"abc","text":{"body":"x"}}""", ApiErrorCodes.ParameterValueNotValid, "to")]
    [InlineData("""{"to":"16315551234","type":"video_note","text":{"body":"x"}}""", ApiErrorCodes.ParameterValueNotValid, "type")]
    [InlineData("""{"to":"16315551234","type":"audio","audio":{"id":"1"},"text":{"body":"x"}}""", ApiErrorCodes.ParameterValueNotValid, "text")]
    [InlineData("""{"recipient_type":"group","to":"16315551234","text":{"body":"x"}}""", ApiErrorCodes.ParameterValueNotValid, "recipient_type")]
    public void Each_wrong_field_is_named_with_its_code(string json, int code, string field)
    {
        var error = Assert.Single(Validate(json).Error!.Errors);

        Assert.Equal(code, error.Code);
        Assert.StartsWith(field + (code == ApiErrorCodes.RequiredParameterMissing ? " " : ":"), error.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"to":"16315551234","type":"image","image":{"id":"f1","caption":"a cat"}}""", "image", """{"id":"f1","caption":"a cat"}""")]
    [InlineData("""{"to":"16315551234","type":"document","document":{"link":"https://example.com/a.pdf","filename":"a.pdf"}}""", "document", """{"link":"https://example.com/a.pdf","filename":"a.pdf"}""")]
    [InlineData("""{"to":"16315551234","type":"audio","audio":{"id":"f2"}}""", "audio", """{"id":"f2"}""")]
    [InlineData("""{"to":"16315551234","type":"video","video":{"id":"f3"}}""", "video", """{"id":"f3"}""")]
    [InlineData("""{"to":"16315551234","type":"sticker","sticker":{"id":"f4"}}""", "sticker", """{"id":"f4"}""")]
    [InlineData("""{"to":"16315551234","type":"location","location":{"latitude":37.758056,"longitude":-122.425332,"name":"HQ"}}""", "location", """{"latitude":37.758056,"longitude":-122.425332,"name":"HQ"}""")]
    [InlineData("""{"to":"16315551234","type":"reaction","reaction":{"message_id":"wamid.x","emoji":"\ud83d\udc4d"}}""", "reaction", """{"message_id":"wamid.x","emoji":"\uD83D\uDC4D"}""")]
    [InlineData("""{"to":"16315551234","type":"contacts","contacts":[{"name":{"formatted_name":"Jo Smith"},"phones":[{"phone":"+1 650 555 1234","wa_id":"16505551234"}],"birthday":"2012-08-18"}]}""", "contacts", """[{"name":{"formatted_name":"Jo Smith"},"phones":[{"phone":"\u002B1 650 555 1234","wa_id":"16505551234"}],"birthday":"2012-08-18"}]""")]
    public void Each_type_travels_as_the_compact_JSON_of_its_object(string json, string type, string content)
    {
        var request = Validate(json);

        Assert.True(request.IsValid, request.Error?.ToString());
        Assert.Equal(type, request.Value.MessageType);
        Assert.Equal(content, request.Value.Content());
    }

    [Fact]
    public void A_template_with_header_body_and_buttons_is_accepted_and_travels_whole()
    {
        const string template = """
            {"namespace":"ns","name":"order_update","language":{"policy":"deterministic","code":"en_US"},
             "components":[
               {"type":"header","parameters":[{"type":"image","image":{"link":"https://example.com/a.jpg"}}]},
               {"type":"body","parameters":[{"type":"text","text":"Chef"},
                 {"type":"currency","currency":{"fallback_value":"$100.99","code":"USD","amount_1000":100990}},
                 {"type":"date_time","date_time":{"fallback_value":"February 25, 1977"}}]},
               {"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"ABC"}]},
               {"type":"button","sub_type":"url","index":"1","parameters":[{"type":"text","text":"path"}]}]}
            """;
        var request = Validate($$"""{"to":"16315551234","type":"template","template":{{template}}}""");

        Assert.True(request.IsValid, request.Error?.ToString());
        using var sent = JsonDocument.Parse(request.Value.Content());
        using var given = JsonDocument.Parse(template);
        Assert.True(JsonElement.DeepEquals(given.RootElement, sent.RootElement));
    }

    [Fact]
    public void Interactive_buttons_and_lists_and_the_legacy_hsm_are_accepted()
    {
        Assert.True(Validate("""
            {"to":"16315551234","type":"interactive","interactive":{"type":"button","header":{"type":"text","text":"Hi"},"body":{"text":"Pick one"},
             "footer":{"text":"thanks"},"action":{"buttons":[{"type":"reply","reply":{"id":"0","title":"Yes"}},{"type":"reply","reply":{"id":"1","title":"No"}}]}}}
            """).IsValid);
        Assert.True(Validate("""
            {"to":"16315551234","type":"interactive","interactive":{"type":"list","body":{"text":"Pick"},
             "action":{"button":"Menu","sections":[{"title":"S1","rows":[{"id":"r1","title":"Row 1","description":"first"}]},{"title":"S2","rows":[{"id":"r2","title":"Row 2"}]}]}}}
            """).IsValid);
        Assert.True(Validate("""
            {"to":"16315551234","type":"hsm","hsm":{"namespace":"ns","element_name":"hello","language":{"policy":"deterministic","code":"en"},"localizable_params":[{"default":"$10"}]}}
            """).IsValid);
    }

    [Theory]
    [InlineData("""{"to":"16315551234","type":"image"}""", ApiErrorCodes.RequiredParameterMissing, "image")]
    [InlineData("""{"to":"16315551234","type":"image","image":{}}""", ApiErrorCodes.ParameterValueNotValid, "image")]
    [InlineData("""{"to":"16315551234","type":"image","image":{"id":"1","link":"https://example.com/a.jpg"}}""", ApiErrorCodes.ParameterValueNotValid, "image")]
    [InlineData("""{"to":"16315551234","type":"image","image":{"link":"ftp://example.com/a.jpg"}}""", ApiErrorCodes.ParameterValueNotValid, "image.link")]
    [InlineData("""{"to":"16315551234","type":"audio","audio":{"id":"1","caption":"no"}}""", ApiErrorCodes.ParameterValueNotValid, "audio.caption")]
    [InlineData("""{"to":"16315551234","type":"image","image":{"id":"1","filename":"a.jpg"}}""", ApiErrorCodes.ParameterValueNotValid, "image.filename")]
    [InlineData("""{"to":"16315551234","type":"image","image":{"id":1}}""", ApiErrorCodes.ParameterValueNotValid, "image.id")]
    [InlineData("""{"to":"16315551234","type":"image","image":{"id":"1","size":3}}""", ApiErrorCodes.ParameterValueNotValid, "image.size")]
    [InlineData("""{"to":"16315551234","type":"location","location":{"latitude":91,"longitude":0}}""", ApiErrorCodes.ParameterValueNotValid, "location.latitude")]
    [InlineData("""{"to":"16315551234","type":"location","location":{"latitude":1}}""", ApiErrorCodes.RequiredParameterMissing, "location.longitude")]
    [InlineData("""{"to":"16315551234","type":"contacts","contacts":[]}""", ApiErrorCodes.ParameterValueNotValid, "contacts")]
    [InlineData("""{"to":"16315551234","type":"contacts","contacts":[{"name":{}}]}""", ApiErrorCodes.RequiredParameterMissing, "contacts[0].name.formatted_name")]
    [InlineData("""{"to":"16315551234","type":"contacts","contacts":[{"name":{"formatted_name":"a"},"birthday":"18/08/2012"}]}""", ApiErrorCodes.ParameterValueNotValid, "contacts[0].birthday")]
    [InlineData("""{"to":"16315551234","type":"template","template":{"name":"t"}}""", ApiErrorCodes.RequiredParameterMissing, "template.language")]
    [InlineData("""{"to":"16315551234","type":"template","template":{"name":"t","language":{"code":"en"},"components":[{"type":"footer"}]}}""", ApiErrorCodes.ParameterValueNotValid, "template.components[0].type")]
    [InlineData("""{"to":"16315551234","type":"template","template":{"name":"t","language":{"code":"en"},"components":[{"type":"body","parameters":[{"type":"payload","payload":"x"}]}]}}""", ApiErrorCodes.ParameterValueNotValid, "template.components[0].parameters[0].type")]
    [InlineData("""{"to":"16315551234","type":"template","template":{"name":"t","language":{"code":"en"},"components":[{"type":"body","parameters":[{"type":"text","text":7}]}]}}""", ApiErrorCodes.ParameterValueNotValid, "template.components[0].parameters[0].text")]
    [InlineData("""{"to":"16315551234","type":"template","template":{"name":"t","language":{"code":"en"},"components":[{"type":"button","sub_type":"quick_reply","parameters":[{"type":"payload","payload":"x"}]}]}}""", ApiErrorCodes.RequiredParameterMissing, "template.components[0].index")]
    [InlineData("""{"to":"16315551234","type":"template","template":{"name":"t","language":{"code":"en"},"components":[{"type":"body","parameters":[{"type":"currency","currency":{"fallback_value":"$1","code":"usd","amount_1000":1000}}]}]}}""", ApiErrorCodes.ParameterValueNotValid, "template.components[0].parameters[0].currency.code")]
    [InlineData("""{"to":"16315551234","type":"hsm","hsm":{"namespace":"ns","element_name":"e","language":{"code":"en"},"localizable_params":[{}]}}""", ApiErrorCodes.RequiredParameterMissing, "hsm.localizable_params[0].default")]
    [InlineData("""{"to":"16315551234","type":"interactive","interactive":{"type":"button","body":{"text":"x"},"action":{"buttons":[]}}}""", ApiErrorCodes.ParameterValueNotValid, "interactive.action.buttons")]
    [InlineData("""{"to":"16315551234","type":"interactive","interactive":{"type":"button","body":{"text":"x"},"action":{"buttons":[{"type":"reply","reply":{"id":"1","title":"a title longer than twenty"}}]}}}""", ApiErrorCodes.ParameterValueNotValid, "interactive.action.buttons[0].reply.title")]
    [InlineData("""{"to":"16315551234","type":"interactive","interactive":{"type":"list","body":{"text":"x"},"action":{"button":"Menu","sections":[]}}}""", ApiErrorCodes.InvalidSectionCount, "interactive.action.sections")]
    [InlineData("""{"to":"16315551234","type":"interactive","interactive":{"type":"list","body":{"text":"x"},"action":{"button":"Menu","sections":[{"rows":[]}]}}}""", ApiErrorCodes.InvalidRowCount, "interactive.action.sections[0].rows")]
    [InlineData("""{"to":"16315551234","type":"interactive","interactive":{"type":"product","body":{"text":"x"},"action":{}}}""", ApiErrorCodes.ParameterValueNotValid, "interactive.type")]
    [InlineData("""{"to":"16315551234","type":"reaction","reaction":{"message_id":"wamid.x","emoji":"ab"}}""", ApiErrorCodes.ParameterValueNotValid, "reaction.emoji")]
    public void Each_wrong_field_of_a_type_is_named_by_its_JSON_path(string json, int code, string field)
    {
        var error = Assert.Single(Validate(json).Error!.Errors);

        Assert.Equal(code, error.Code);
        Assert.StartsWith(field + (code == ApiErrorCodes.RequiredParameterMissing ? " " : ":"), error.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_field_is_named_with_the_fields_known_there()
    {
        var error = Assert.Single(Validate("""{"to":"16315551234","type":"location","location":{"latitude":1,"longitude":2,"zoom":3}}""").Error!.Errors);

        Assert.Equal("location.zoom: is not a known parameter here; expected latitude, longitude, name, address", error.Details);
    }

    [Fact]
    public void Every_unknown_field_and_value_of_the_wrong_type_is_named_at_once()
    {
        var errors = Validate("""{"to":7,"type":"interactive","priority":1,"interactive":{"type":"list","body":{"text":[]},"action":{"sections":[{"rows":[{"id":"1","title":2}]}]}}}""").Error!.Errors;

        Assert.Equal(
            ["to: must be a string", "priority: is not a known parameter here", "interactive.body.text: must be a string", "interactive.action.sections[0].rows[0].title: must be a string"],
            errors.Select(e => e.Details.Split(';')[0]));
    }

    [Theory]
    [InlineData("\"P4D\"", 345_600)]
    [InlineData("\"PT30M\"", 1_800)]
    [InlineData("\"P1DT1S\"", 86_401)]
    [InlineData("\"86400\"", 86_400)]
    [InlineData("86400", 86_400)]
    [InlineData("1", 1)]
    [InlineData("\"P30D\"", 2_592_000)]
    public void A_ttl_is_an_ISO_8601_duration_or_whole_seconds_as_a_string_or_a_number(string ttl, int seconds)
    {
        var request = Validate("""{"to":"16315551234","type":"template","ttl":""" + ttl + ""","template":{"name":"t","language":{"code":"en"}}}""");

        Assert.True(request.IsValid, request.Error?.ToString());
        Assert.Equal(seconds, request.Value.TtlSeconds);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("\"P31D\"")]
    [InlineData("2592001")]
    [InlineData("1.5")]
    [InlineData("\"PT0.5S\"")]
    [InlineData("\"4 days\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    [InlineData("99999999999999999999")]
    public void A_ttl_that_is_not_1_second_to_30_days_is_refused_naming_the_field(string ttl)
    {
        var error = Assert.Single(Validate($$$"""{"to":"16315551234","ttl":{{{ttl}}},"text":{"body":"hi"}}""").Error!.Errors);

        Assert.Equal(ApiErrorCodes.ParameterValueNotValid, error.Code);
        Assert.StartsWith("ttl: must be", error.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_ttl_a_template_or_hsm_waits_the_originals_7_days_and_any_other_type_without_limit()
    {
        Assert.Equal(604_800, Validate("""{"to":"16315551234","type":"template","template":{"name":"t","language":{"code":"en"}}}""").Value!.TtlSeconds);
        Assert.Equal(604_800, Validate("""{"to":"16315551234","type":"hsm","hsm":{"namespace":"n","element_name":"e","language":{"code":"en"},"localizable_params":[]}}""").Value!.TtlSeconds);
        Assert.Null(Validate("""{"to":"16315551234","text":{"body":"hi"}}""").Value!.TtlSeconds);
        Assert.Equal(60, Validate("""{"to":"16315551234","ttl":60,"text":{"body":"hi"}}""").Value!.TtlSeconds);
    }

    private static string Body(int length) => $$$"""{"to":"16315551234","text":{"body":"{{{new string('x', length)}}}"}}""";

    private static Validated<SendMessageBody> Validate(string json) =>
        JsonRequestBody.From<SendMessageBody>(JsonDocument.Parse(json).RootElement);
}
