using System.Text;
using Microsoft.AspNetCore.Http;
using Multiconnect.Gateway.Errors;
using Multiconnect.Gateway.Requests;
using Multiconnect.Gateway.Requests.Messages;

namespace Multiconnect.Tests.Unit.Gateway;

public sealed class JsonRequestBodyTests
{
    [Theory]
    [InlineData("""{"to":"16315551234","text":{"body":"a\u0000b"}}""", "text.body", "NUL")]
    [InlineData("""{"to":"16315551234","text":{"body":"a\ud800b"}}""", "text.body", "surrogate")]
    [InlineData("""{"to":"16315551234","text":{"body":"a\udc00"}}""", "text.body", "surrogate")]
    [InlineData("""{"to":"\ud800","text":{"body":"hi"}}""", "to", "surrogate")]
    [InlineData("""{"to":"16315551234","text":{"b\u0000dy":"hi"}}""", "text.b\\u0000dy", "NUL")]
    [InlineData("""{"to":"16315551234","text":{"\ud800":"hi"}}""", "(body)", "not valid Unicode")]
    [InlineData("""{"\udfff":1}""", "(body)", "not valid Unicode")]
    [InlineData("""{"to":"16315551234","list":["ok",{"deep":"\u0000"}]}""", "list[1].deep", "NUL")]
    public async Task Names_and_strings_that_cannot_be_stored_are_a_400_naming_their_path(string json, string path, string reason)
    {
        var body = await ReadAsync(json);

        Assert.False(body.IsValid);
        var error = Assert.Single(body.Error.Errors);
        Assert.Equal(400, body.Error.StatusCode);
        Assert.Equal(ApiErrorCodes.ParameterValueNotValid, error.Code);
        Assert.StartsWith(path + ":", error.Details, StringComparison.Ordinal);
        Assert.Contains(reason, error.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_outside_the_basic_plane_and_control_characters_other_than_NUL_are_kept()
    {
        var body = await ReadAsync("""{"to":"16315551234","text":{"body":"\ud83d\ude00 \u0001 \t é"}}""");

        Assert.True(body.IsValid);
        Assert.Equal("\U0001F600 \u0001 \t é", body.Value.Content());
    }

    [Theory]
    [InlineData("""{"to":"1","to":"2"}""")]
    [InlineData("""{"text":{"body":"a","body":"b"}}""")]
    [InlineData("{\"a\":" + "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]" + "}")]
    [InlineData("""{"to":"1",}""")]
    [InlineData("\"just a string\"")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task Duplicate_keys_deep_nesting_and_what_is_not_one_JSON_object_are_a_400(string json)
    {
        var body = await ReadAsync(json);

        Assert.False(body.IsValid);
        Assert.Equal(400, body.Error.StatusCode);
        Assert.Equal(ApiErrorCodes.ParameterValueNotValid, Assert.Single(body.Error.Errors).Code);
    }

    [Fact]
    public async Task Invalid_UTF8_bytes_are_a_400()
    {
        var body = await ReadAsync([.. "{\"to\":\""u8, 0xC3, 0x28, .. "\"}"u8]);

        Assert.False(body.IsValid);
        Assert.Equal(400, body.Error.StatusCode);
    }

    [Theory]
    [InlineData("""{"to":"16315551234","text":{"body":"hi"},"render_mentions":true}""", "render_mentions")]
    [InlineData("""{"to":"16315551234","text":{"body":"hi","extra":1}}""", "text.extra")]
    [InlineData("""{"to":"16315551234","text":{"body":"hi"},"preview_url":"yes"}""", "preview_url")]
    public async Task A_send_with_a_field_the_gateway_does_not_act_on_is_refused_by_name(string json, string field)
    {
        var message = await ReadAsync(json);

        Assert.False(message.IsValid);
        Assert.Contains(message.Error.Errors, e => e.Details.StartsWith(field + ":", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Preview_url_is_accepted_as_the_On_Premises_API_places_it()
    {
        var body = await ReadAsync("""{"to":"16315551234","preview_url":true,"text":{"body":"https://example.com"}}""");

        Assert.True(body.IsValid);
    }

    private static Task<Validated<SendMessageBody>> ReadAsync(string json) => ReadAsync(Encoding.UTF8.GetBytes(json));

    private static Task<Validated<SendMessageBody>> ReadAsync(byte[] json)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(json);
        return JsonRequestBody.ReadAsync<SendMessageBody>(context.Request);
    }
}
