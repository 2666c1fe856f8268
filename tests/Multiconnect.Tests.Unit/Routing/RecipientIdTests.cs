using Multiconnect.Contracts.Routing;

namespace Multiconnect.Tests.Unit.Routing;

public sealed class RecipientIdTests
{
    [Theory]
    [InlineData("16315551234", "16315551234")]
    [InlineData("+16315551234", "16315551234")]
    [InlineData("+1 (631) 555-1234", "16315551234")]
    [InlineData("44 7700.900.123", "447700900123")]
    [InlineData("123456", "123456")]
    [InlineData("123456789012345", "123456789012345")]
    public void Phone_like_ids_are_reduced_to_their_digits(string written, string canonical)
    {
        Assert.True(RecipientId.TryParse(written, out var id, out var problem), problem);
        Assert.Equal(canonical, id.Value);
    }

    [Theory]
    [InlineData(null, "is empty")]
    [InlineData("   ", "is empty")]
    [InlineData("12345", "fewer than 6 digits")]
    [InlineData("1234567890123456", "more than 15 digits")]
    [InlineData("1631555123a", "contains 'a'")]
    [InlineData("1631+5551234", "contains '+'")]
    [InlineData("alice@example.com", "contains 'a'")]
    [InlineData("06315551234", "starts with 0")]
    [InlineData("１６３１５５５１２３４", "contains")] // full-width digits are not ASCII digits
    public void Ids_that_are_not_phone_numbers_are_refused_with_a_reason(string? written, string reason)
    {
        Assert.False(RecipientId.TryParse(written, out var id, out var problem));
        Assert.Null(id);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }
}
