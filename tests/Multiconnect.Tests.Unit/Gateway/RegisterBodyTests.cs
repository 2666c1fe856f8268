using System.Text.Json;
using Multiconnect.Gateway.Errors;
using Multiconnect.Gateway.Requests;

namespace Multiconnect.Tests.Unit.Gateway;

public sealed class RegisterBodyTests
{
    private const string Valid = """{"cc":"1","phone_number":"6315551234","method":"sms","cert":"Q2VydA=="}""";

    [Fact]
    public void A_complete_request_is_accepted()
    {
        var request = Register(Valid);

        Assert.True(request.IsValid);
        Assert.Equal(new RegisterBody("1", "6315551234", "sms", "Q2VydA=="), request.Value);
    }

    [Theory]
    [InlineData("cc")]
    [InlineData("phone_number")]
    [InlineData("method")]
    [InlineData("cert")]
    public void A_missing_field_is_reported_as_1008(string field)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Valid)!;
        body.Remove(field);

        var error = Assert.Single(Register(JsonSerializer.Serialize(body)).Error!.Errors);

        Assert.Equal(ApiErrorCodes.RequiredParameterMissing, error.Code);
        Assert.Contains(field, error.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("method", "\"SMS\"")]
    [InlineData("method", "\"email\"")]
    [InlineData("pin", "\"12345\"")]
    [InlineData("cert", "\"not base64!\"")]
    [InlineData("phone_number", "\"123\"")]
    public void A_wrong_value_is_reported_as_1009_naming_the_field(string field, string json)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Valid)!;
        body[field] = JsonDocument.Parse(json).RootElement;

        var error = Assert.Single(Register(JsonSerializer.Serialize(body)).Error!.Errors);

        Assert.Equal(ApiErrorCodes.ParameterValueNotValid, error.Code);
        Assert.StartsWith(field, error.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData("012-345", "012345")]
    public void A_code_of_six_digits_is_accepted_with_or_without_the_dash(string code, string expected)
    {
        var request = Verify($$"""{"code":"{{code}}"}""");

        Assert.True(request.IsValid);
        Assert.Equal(expected, request.Value.Digits);
    }

    [Theory]
    [InlineData("""{"code":"12345"}""", ApiErrorCodes.ParameterValueNotValid)]
    [InlineData("""{"code":"1234567"}""", ApiErrorCodes.ParameterValueNotValid)]
    [InlineData("""{"code":"12-3456"}""", ApiErrorCodes.ParameterValueNotValid)]
    [InlineData("""{"code":123456}""", ApiErrorCodes.ParameterValueNotValid)]
    [InlineData("""{}""", ApiErrorCodes.RequiredParameterMissing)]
    public void A_code_that_is_not_six_digits_is_refused(string json, int code)
    {
        var error = Assert.Single(Verify(json).Error!.Errors);

        Assert.Equal(code, error.Code);
        Assert.Contains("code", error.Details, StringComparison.Ordinal);
    }

    private static Validated<RegisterBody> Register(string json) =>
        JsonRequestBody.From<RegisterBody>(JsonDocument.Parse(json).RootElement);

    private static Validated<VerifyBody> Verify(string json) =>
        JsonRequestBody.From<VerifyBody>(JsonDocument.Parse(json).RootElement);
}
