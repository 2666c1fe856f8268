using Multiconnect.Contracts.Routing;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// The fields POST /v1/account and POST /v1/account/shards share: cc and phone_number, strings of digits
/// (<see cref="BusinessPhone"/>: country code 1–3 digits, 6–15 digits together), pin six digits when
/// given, cert the base64 verified-name certificate (returned in canonical base64).
/// </summary>
public static class AccountFields
{
    public static (string? Cc, string? PhoneNumber, string? Pin, string? Cert) Read(JsonObjectBody body, bool certRequired)
    {
        ArgumentNullException.ThrowIfNull(body);
        var cc = body.RequiredString("cc");
        var phoneNumber = body.RequiredString("phone_number");
        var pin = body.OptionalString("pin");
        var certText = certRequired ? body.RequiredString("cert") : body.OptionalString("cert");
        if (cc is not null && BusinessPhone.CcProblem(cc) is { } ccProblem)
        {
            body.Invalid("cc", ccProblem);
        }

        if (phoneNumber is not null && BusinessPhone.NumberProblem(cc, phoneNumber) is { } phoneProblem)
        {
            body.Invalid("phone_number", phoneProblem);
        }

        if (pin is not null && !TwoStepPin.IsValid(pin))
        {
            body.Invalid("pin", "must be the 6-digit two-step verification PIN");
        }

        var cert = certText is null ? null : Base64(certText);
        if (certText is not null && cert is null)
        {
            body.Invalid("cert", "must be the base64 verified-name certificate");
        }

        return (cc, phoneNumber, pin, cert);
    }

    private static string? Base64(string text)
    {
        var buffer = new byte[text.Length];
        return text.Length > 0 && Convert.TryFromBase64String(text, buffer, out var length) ? Convert.ToBase64String(buffer, 0, length) : null;
    }
}
