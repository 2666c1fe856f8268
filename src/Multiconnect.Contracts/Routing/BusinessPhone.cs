namespace Multiconnect.Contracts.Routing;

/// <summary>
/// The business's own number as the API, verified-name certificates and upstream sessions carry it:
/// a country code (1–3 digits, no leading 0, no '+') and the national number (digits), 6–15 digits
/// together — E.164, and the bounds of a <see cref="RecipientId"/>. One rule for the gateway and the
/// simulated WhatsApp servers, so that nothing one accepts is refused by the other.
/// </summary>
public static class BusinessPhone
{
    /// <summary>What is wrong with the country code, or null.</summary>
    public static string? CcProblem(string? cc) =>
        cc is { Length: >= 1 and <= 3 } && cc.All(char.IsAsciiDigit) && cc[0] != '0'
            ? null
            : "must be a country code of 1 to 3 digits without '+', such as \"1\"";

    /// <summary>What is wrong with the national number (given a valid country code, its length with it), or null.</summary>
    public static string? NumberProblem(string? cc, string? phone)
    {
        if (string.IsNullOrEmpty(phone) || !phone.All(char.IsAsciiDigit))
        {
            return "must be the national number in digits";
        }

        var total = (cc?.Length ?? 0) + phone.Length;
        return total is < RecipientId.MinDigits or > RecipientId.MaxDigits
            ? $"must make {RecipientId.MinDigits} to {RecipientId.MaxDigits} digits with the country code, not {total}"
            : null;
    }
}
