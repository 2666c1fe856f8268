using Multiconnect.Contracts.Routing;

namespace Multiconnect.Tests.Unit.Routing;

public sealed class BusinessPhoneTests
{
    [Theory]
    [InlineData("1", "55512")]           // 6 digits in all
    [InlineData("44", "7700900123")]
    [InlineData("998", "123456789012")]  // 15 digits in all
    public void A_country_code_and_national_number_of_6_to_15_digits_is_a_business_phone(string cc, string phone)
    {
        Assert.Null(BusinessPhone.CcProblem(cc));
        Assert.Null(BusinessPhone.NumberProblem(cc, phone));
        Assert.True(RecipientId.TryParse(cc + phone, out _, out _), "the business's number is a valid WhatsApp id too");
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("+1")]
    [InlineData("1234")]
    [InlineData("4a")]
    public void A_country_code_is_1_to_3_digits_not_starting_with_0(string cc) => Assert.NotNull(BusinessPhone.CcProblem(cc));

    [Theory]
    [InlineData("1", "5551")]               // 5 in all
    [InlineData("998", "1234567890123")]    // 16 in all
    [InlineData("1", "555-1234")]
    [InlineData("1", "")]
    public void A_national_number_is_digits_making_6_to_15_with_the_country_code(string cc, string phone) =>
        Assert.NotNull(BusinessPhone.NumberProblem(cc, phone));
}
