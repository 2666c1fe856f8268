using System.Text.Json;
using Multiconnect.Gateway.Errors;
using Multiconnect.Gateway.Requests;

namespace Multiconnect.Tests.Unit.Gateway;

public sealed class SendMessageRequestTests
{
    [Fact]
    public void A_text_message_is_accepted_with_the_recipient_in_canonical_form()
    {
        var request = Validate("""{"recipient_type":"individual","to":"+1 631 555 1234","type":"text","text":{"body":"hello"}}""");

        Assert.True(request.IsValid);
        Assert.Equal("16315551234", request.Value.To.Value);
        Assert.Equal("hello", request.Value.Body);
    }

    [Fact]
    public void Recipient_type_and_type_may_be_left_out()
    {
        Assert.True(Validate("""{"to":"16315551234","text":{"body":"hi"}}""").IsValid);
    }

    [Fact]
    public void A_body_of_exactly_4096_characters_is_accepted_and_one_more_is_not()
    {
        Assert.True(Validate(Body(4096)).IsValid);
        var error = Assert.Single(Validate(Body(4097)).Error!.Errors);
        Assert.Equal(ApiErrorCodes.ParameterValueNotValid, error.Code);
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
    [InlineData("""{"to":"16315551234","type":"audio","text":{"body":"x"}}""", ApiErrorCodes.ParameterValueNotValid, "type")]
    [InlineData("""{"recipient_type":"group","to":"16315551234","text":{"body":"x"}}""", ApiErrorCodes.ParameterValueNotValid, "recipient_type")]
    public void Each_wrong_field_is_named_with_its_code(string json, int code, string field)
    {
        var error = Assert.Single(Validate(json).Error!.Errors);

        Assert.Equal(code, error.Code);
        Assert.StartsWith(field + (code == ApiErrorCodes.RequiredParameterMissing ? " " : ":"), error.Details, StringComparison.Ordinal);
    }

    private static string Body(int length) => $$$"""{"to":"16315551234","text":{"body":"{{{new string('x', length)}}}"}}""";

    private static Validated<SendMessageRequest> Validate(string json) =>
        SendMessageRequest.From(new JsonObjectBody(JsonDocument.Parse(json).RootElement));
}
