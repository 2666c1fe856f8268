using Multiconnect.Contracts.Routing;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// POST /v1/account/shards: <c>{"cc","phone_number","shards","pin"?,"cert"}</c>. cc and phone_number are
/// strings of digits (country code 1–3 digits, national number 4–14, 15 at most together, as E.164),
/// shards one of 1, 2, 4, 8, 16, 32, pin six digits when given, cert base64.
/// </summary>
public sealed record ShardChangeRequest(string Cc, string PhoneNumber, ShardCount Shards, string? Pin, byte[] Cert)
{
    public static Validated<ShardChangeRequest> From(JsonObjectBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var cc = body.RequiredString("cc");
        var phoneNumber = body.RequiredString("phone_number");
        var shards = body.RequiredInteger("shards");
        var pin = body.OptionalString("pin");
        var certText = body.RequiredString("cert");

        if (cc is not null && (!IsDigits(cc, 1, 3) || cc[0] == '0'))
        {
            body.Invalid("cc", "must be the country code, 1 to 3 digits without '+', such as \"1\"");
        }

        if (phoneNumber is not null && !IsDigits(phoneNumber, 4, 14))
        {
            body.Invalid("phone_number", "must be the national number, 4 to 14 digits");
        }
        else if (cc is not null && phoneNumber is not null && cc.Length + phoneNumber.Length > 15)
        {
            body.Invalid("phone_number", "cc and phone_number together have more than 15 digits");
        }

        if (shards is { } count && !ShardCount.IsAllowed(count))
        {
            body.Invalid("shards", $"must be one of {string.Join(", ", ShardCount.Allowed)}; got {count}");
        }

        if (pin is not null && (pin.Length != 6 || !pin.All(char.IsAsciiDigit)))
        {
            body.Invalid("pin", "must be the 6-digit two-step verification PIN");
        }

        var cert = certText is null ? null : Base64(certText);
        if (certText is not null && cert is null)
        {
            body.Invalid("cert", "must be the base64 verified-name certificate");
        }

        return body.Problems ?? (Validated<ShardChangeRequest>)new ShardChangeRequest(cc!, phoneNumber!, ShardCount.From(shards!.Value), pin, cert!);
    }

    private static bool IsDigits(string text, int min, int max) =>
        text.Length >= min && text.Length <= max && text.All(char.IsAsciiDigit);

    private static byte[]? Base64(string text)
    {
        var buffer = new byte[text.Length];
        return text.Length > 0 && Convert.TryFromBase64String(text, buffer, out var length) ? buffer[..length] : null;
    }
}
