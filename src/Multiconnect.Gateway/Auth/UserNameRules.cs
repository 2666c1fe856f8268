namespace Multiconnect.Gateway.Auth;

/// <summary>
/// The original's rules for a user name (its Webapp, 2019 copy; ../shared/WA-API.md §1.3): 4 to 32 characters
/// that URL encoding leaves as they are (ASCII letters, digits, '-', '_' and '.'), and not the name it
/// reserves for API-key callers.
/// </summary>
public static class UserNameRules
{
    public const int MinLength = 4;
    public const int MaxLength = 32;
    public const string Reserved = "_apiuser";

    /// <summary>What is wrong with <paramref name="name"/>, or null when a user may have it.</summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is < MinLength or > MaxLength)
        {
            return $"must be {MinLength} to {MaxLength} characters long; it has {name.Length}";
        }

        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return "may hold only ASCII letters, digits, '-', '_' and '.'";
        }

        return name == Reserved ? $"{Reserved} is reserved" : null;
    }
}
