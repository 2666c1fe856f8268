using Multiconnect.Contracts.Routing;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// POST /v1/account/shards: <c>{"cc","phone_number","shards","pin"?,"cert"}</c>. cc and phone_number are
/// strings of digits (<see cref="BusinessPhone"/>: country code 1–3 digits, 6–15 digits together), shards one of 1, 2, 4, 8, 16, 32, pin six digits when given, cert base64.
/// </summary>
public sealed record ShardChangeRequest(string Cc, string PhoneNumber, ShardCount Shards, string? Pin, byte[] Cert)
{
    public static Validated<ShardChangeRequest> From(JsonObjectBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        body.OnlyKnown("cc", "phone_number", "shards", "pin", "cert");
        var cc = body.RequiredString("cc");
        var phoneNumber = body.RequiredString("phone_number");
        var shards = body.RequiredInteger("shards");
        var pin = body.OptionalString("pin");
        var certText = body.RequiredString("cert");

        if (cc is not null && BusinessPhone.CcProblem(cc) is { } ccProblem)
        {
            body.Invalid("cc", ccProblem);
        }

        if (phoneNumber is not null && BusinessPhone.NumberProblem(cc, phoneNumber) is { } phoneProblem)
        {
            body.Invalid("phone_number", phoneProblem);
        }

        if (shards is { } count && !ShardCount.IsAllowed(count))
        {
            body.Invalid("shards", $"must be one of {string.Join(", ", ShardCount.Allowed)}; got {count}");
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

        return body.Problems ?? (Validated<ShardChangeRequest>)new ShardChangeRequest(cc!, phoneNumber!, ShardCount.From(shards!.Value), pin, cert!);
    }

    private static byte[]? Base64(string text)
    {
        var buffer = new byte[text.Length];
        return text.Length > 0 && Convert.TryFromBase64String(text, buffer, out var length) ? buffer[..length] : null;
    }
}
