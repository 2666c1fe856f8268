using System.Text.Json;
using Multiconnect.Gateway.Errors;
using Multiconnect.Gateway.Requests;

namespace Multiconnect.Tests.Unit.Gateway;

public sealed class ContactsBodyTests
{
    [Fact]
    public void Numbers_in_any_format_are_taken_as_given_with_the_originals_options()
    {
        var request = Validate("""{"blocking":"wait","contacts":["+1 (631) 555-1004","16315551000"],"force_check":true}""");

        Assert.True(request.IsValid);
        Assert.Equal(["+1 (631) 555-1004", "16315551000"], request.Value.Contacts);
    }

    [Theory]
    [InlineData("""{"contacts":[]}""", "contacts")]
    [InlineData("""{"contacts":"16315551000"}""", "contacts")]
    [InlineData("""{"contacts":["16315551000",7]}""", "contacts[1]")]
    [InlineData("""{"contacts":["16315551000"],"blocking":"later"}""", "blocking")]
    [InlineData("""{"contacts":["16315551000"],"force_check":"yes"}""", "force_check")]
    [InlineData("""{"contacts":["16315551000"],"mode":"x"}""", "mode")]
    public void A_wrong_value_is_1009_naming_the_field(string json, string field)
    {
        var error = Assert.Single(Validate(json).Error!.Errors);

        Assert.Equal(ApiErrorCodes.ParameterValueNotValid, error.Code);
        Assert.StartsWith(field + ":", error.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_the_limit_is_refused_and_none_is_missing()
    {
        var tooMany = JsonSerializer.Serialize(new { contacts = Enumerable.Range(0, ContactsBody.MaxContacts + 1).Select(i => $"1631555{i:D4}") });

        Assert.Equal(ApiErrorCodes.ParameterValueNotValid, Assert.Single(Validate(tooMany).Error!.Errors).Code);
        Assert.Equal(ApiErrorCodes.RequiredParameterMissing, Assert.Single(Validate("{}").Error!.Errors).Code);
    }

    private static Validated<ContactsBody> Validate(string json) =>
        JsonRequestBody.From<ContactsBody>(JsonDocument.Parse(json).RootElement);
}
