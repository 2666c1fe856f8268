namespace Multiconnect.Gateway.Auth;

/// <summary>
/// The original's rules for a password set through the API (its Webapp's complexity check, 2019 copy, and
/// Meta's login reference; ../shared/WA-API.md §1.1): 8 to 64 characters, each an ASCII letter, a digit or
/// one of <see cref="Specials"/>, with at least one lower-case letter, one upper-case letter, one digit and
/// one special. The same rules apply to creating a user, changing a password and new_password on login.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 64;

    /// <summary>ASCII's punctuation; a space is not among them.</summary>
    public const string Specials = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>What is wrong with <paramref name="password"/>, or null when it meets the rules.</summary>
    public static string? Problem(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length is < MinLength or > MaxLength)
        {
            return $"must be {MinLength} to {MaxLength} characters long; it has {password.Length}";
        }

        if (!password.All(c => char.IsAsciiLetterOrDigit(c) || Specials.Contains(c, StringComparison.Ordinal)))
        {
            return $"may hold only ASCII letters, digits and the special characters {Specials}";
        }

        var missing = new List<string>(4);
        if (!password.Any(char.IsAsciiLetterLower))
        {
            missing.Add("a lower-case letter");
        }

        if (!password.Any(char.IsAsciiLetterUpper))
        {
            missing.Add("an upper-case letter");
        }

        if (!password.Any(char.IsAsciiDigit))
        {
            missing.Add("a digit");
        }

        if (!password.Any(c => Specials.Contains(c, StringComparison.Ordinal)))
        {
            missing.Add($"a special character ({Specials})");
        }

        return missing.Count == 0 ? null : $"needs at least {string.Join(", ", missing)}";
    }
}
