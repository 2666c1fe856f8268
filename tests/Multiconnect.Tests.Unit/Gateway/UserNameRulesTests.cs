using Multiconnect.Gateway.Auth;

namespace Multiconnect.Tests.Unit.Gateway;

public sealed class UserNameRulesTests
{
    [Theory]
    [InlineData("abcd")]
    [InlineData("Ops.Team-2_x")]
    [InlineData("a2345678901234567890123456789012")]
    public void A_name_of_4_to_32_url_safe_characters_is_accepted(string name)
    {
        Assert.Null(UserNameRules.Problem(name));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("a23456789012345678901234567890123")]
    [InlineData("with space")]
    [InlineData("slash/name")]
    [InlineData("tilde~name")]
    [InlineData("naïve")]
    [InlineData("a%20b")]
    [InlineData("_apiuser")]
    public void Any_other_name_is_refused(string name)
    {
        Assert.NotNull(UserNameRules.Problem(name));
    }
}
