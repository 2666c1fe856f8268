using Multiconnect.Gateway.Auth;

namespace Multiconnect.Tests.Unit.Gateway;

/// <summary>The original's password rules: 8–64 characters of ASCII letters, digits and punctuation, one of each kind at least.</summary>
public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("Abcdef1!")]
    [InlineData("zZ9~zzzz")]
    [InlineData("\"Quoted1\"")]
    [InlineData("a[B]3\\{|}`^_")]
    public void A_password_with_every_kind_of_character_within_the_length_is_accepted(string password)
    {
        Assert.Null(PasswordRules.Problem(password));
    }

    [Theory]
    [InlineData("Abcde1!", "7")]
    [InlineData("", "0")]
    [InlineData("abcdefg1!", "upper-case")]
    [InlineData("ABCDEFG1!", "lower-case")]
    [InlineData("Abcdefgh!", "digit")]
    [InlineData("Abcdefgh1", "special")]
    [InlineData("abcdefgh", "upper-case letter, a digit, a special")]
    [InlineData("Abc def1!", "only ASCII")]
    [InlineData("Abcdéf1!", "only ASCII")]
    [InlineData("Abcdef1!\u0000", "only ASCII")]
    [InlineData("Abcdef１!", "only ASCII")] // a full-width digit is not a digit here
    public void A_password_breaking_a_rule_is_refused_saying_which(string password, string said)
    {
        Assert.Contains(said, PasswordRules.Problem(password), StringComparison.Ordinal);
    }

    [Fact]
    public void Eight_and_sixty_four_characters_are_the_bounds()
    {
        Assert.Null(PasswordRules.Problem("Aa1!" + new string('x', 4)));
        Assert.Null(PasswordRules.Problem("Aa1!" + new string('x', 60)));
        Assert.Contains("it has 65", PasswordRules.Problem("Aa1!" + new string('x', 61)), StringComparison.Ordinal);
        Assert.Contains("it has 7", PasswordRules.Problem("Aa1!" + new string('x', 3)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_special_characters_are_asciis_punctuation_without_the_space()
    {
        var punctuation = Enumerable.Range(0x21, 0x7E - 0x20).Select(c => (char)c).Where(c => !char.IsAsciiLetterOrDigit(c));
        Assert.Equal(PasswordRules.Specials, string.Concat(punctuation));
    }
}
