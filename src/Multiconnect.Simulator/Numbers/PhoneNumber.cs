using Multiconnect.Contracts.Routing;

namespace Multiconnect.Simulator.Numbers;

/// <summary>A business phone number as hellos and certificates carry it: country code and national number, digits only.</summary>
public static class PhoneNumber
{
    /// <summary>What is wrong with the pair, or null when it is a phone number: cc of 1–3 digits, and 6–15 digits in all.</summary>
    public static string? Problem(string? cc, string? phone)
    {
        if (cc is not { Length: >= 1 and <= 3 } || !cc.All(char.IsAsciiDigit) || cc[0] == '0')
        {
            return $"cc must be a country code of 1 to 3 digits, not '{cc}'";
        }

        if (string.IsNullOrEmpty(phone) || !phone.All(char.IsAsciiDigit))
        {
            return $"phone must be the national number in digits, not '{phone}'";
        }

        var total = cc.Length + phone.Length;
        return total is < RecipientId.MinDigits or > RecipientId.MaxDigits
            ? $"cc and phone together must have {RecipientId.MinDigits} to {RecipientId.MaxDigits} digits, not {total}"
            : null;
    }
}
