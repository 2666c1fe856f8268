using System.Text.Json;
using Multiconnect.Gateway.Errors;
using Multiconnect.Gateway.Requests;

namespace Multiconnect.Tests.Unit.Gateway;

public sealed class ShardChangeBodyTests
{
    private const string Valid = """{"cc":"1","phone_number":"6315551234","shards":4,"cert":"Q2VydA=="}""";

    [Fact]
    public void A_complete_request_is_accepted()
    {
        var request = Validate(Valid);

        Assert.True(request.IsValid);
        Assert.Equal(4, request.Value.Shards);
        Assert.Equal("1", request.Value.Cc);
        Assert.Equal("6315551234", request.Value.PhoneNumber);
        Assert.Null(request.Value.Pin);
        Assert.Equal("Q2VydA==", request.Value.Cert);
    }

    [Fact]
    public void Without_a_certificate_the_request_is_accepted_for_the_servers_to_judge()
    {
        var request = Validate("""{"cc":"1","phone_number":"6315551234","shards":4}""");

        Assert.True(request.IsValid);
        Assert.Null(request.Value.Cert);
    }

    [Fact]
    public void A_pin_of_six_digits_is_accepted()
    {
        var request = Validate("""{"cc":"44","phone_number":"07700900123","shards":32,"pin":"012345","cert":"Q2VydA=="}""");

        Assert.True(request.IsValid);
        Assert.Equal("012345", request.Value.Pin);
    }

    [Theory]
    [InlineData("cc")]
    [InlineData("phone_number")]
    [InlineData("shards")]
    public void A_missing_field_is_reported_as_1008(string field)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Valid)!;
        body.Remove(field);

        var error = Assert.Single(Errors(JsonSerializer.Serialize(body)));

        Assert.Equal(ApiErrorCodes.RequiredParameterMissing, error.Code);
        Assert.Contains(field, error.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shards", "3")]
    [InlineData("shards", "64")]
    [InlineData("shards", "0")]
    [InlineData("shards", "\"4\"")]
    [InlineData("shards", "4.5")]
    [InlineData("shards", "99999999999")]
    [InlineData("cc", "1")]
    [InlineData("cc", "\"+1\"")]
    [InlineData("cc", "\"0\"")]
    [InlineData("cc", "\"1234\"")]
    [InlineData("phone_number", "\"631-555\"")]
    [InlineData("phone_number", "\"123\"")]
    [InlineData("phone_number", "\"1234\"")] // 5 digits with cc 1: the simulated servers would refuse it, and so do we
    [InlineData("phone_number", "\"123456789012345\"")]
    [InlineData("pin", "\"12345\"")]
    [InlineData("pin", "\"12345a\"")]
    [InlineData("pin", "123456")]
    [InlineData("cert", "\"not base64!\"")]
    [InlineData("cert", "\"\"")]
    [InlineData("cert", "true")]
    public void A_wrong_value_is_reported_as_1009_naming_the_field(string field, string json)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Valid)!;
        body[field] = JsonDocument.Parse(json).RootElement;

        var error = Assert.Single(Errors(JsonSerializer.Serialize(body)));

        Assert.Equal(ApiErrorCodes.ParameterValueNotValid, error.Code);
        Assert.StartsWith(field, error.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_a_request_is_reported_at_once()
    {
        var errors = Errors("""{"cc":"+1","shards":3,"pin":"1","cert":"***"}""");

        Assert.Equal(
            ["cc", "phone_number", "pin", "cert", "shards"],
            errors.Select(e => e.Details.Split(' ', ':')[0]));
    }

    private static Validated<ShardChangeBody> Validate(string json) =>
        JsonRequestBody.From<ShardChangeBody>(JsonDocument.Parse(json).RootElement);

    private static IReadOnlyList<ApiErrorItem> Errors(string json)
    {
        var result = Validate(json);
        Assert.False(result.IsValid);
        Assert.Equal(400, result.Error.StatusCode);
        return result.Error.Errors;
    }
}
