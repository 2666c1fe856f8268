using Multiconnect.Contracts.Routing;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// The fields POST /v1/account and POST /v1/account/shards share: cc and phone_number, strings of digits
/// (<see cref="BusinessPhone"/>: country code 1–3 digits, 6–15 digits together), pin six digits when
/// given, cert the base64 verified-name certificate (used in canonical base64: <see cref="CanonicalCert"/>).
/// </summary>
public static class AccountFields
{
    public static void Validate(RequestProblems problems, string? cc, string? phoneNumber, string? pin, string? cert, bool certRequired)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Required(cc, "cc") && BusinessPhone.CcProblem(cc) is { } ccProblem)
        {
            problems.Invalid("cc", ccProblem);
        }

        if (problems.Required(phoneNumber, "phone_number") && BusinessPhone.NumberProblem(cc, phoneNumber) is { } phoneProblem)
        {
            problems.Invalid("phone_number", phoneProblem);
        }

        if (pin is not null && !TwoStepPin.IsValid(pin))
        {
            problems.Invalid("pin", "must be the 6-digit two-step verification PIN");
        }

        if (certRequired)
        {
            problems.Required(cert, "cert");
        }

        if (cert is not null && CanonicalCert(cert) is null)
        {
            problems.Invalid("cert", "must be the base64 verified-name certificate");
        }
    }

    /// <summary>The certificate in canonical base64, or null when it is not base64.</summary>
    public static string? CanonicalCert(string? text)
    {
        if (text is not { Length: > 0 })
        {
            return null;
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var length) ? Convert.ToBase64String(buffer, 0, length) : null;
    }
}
