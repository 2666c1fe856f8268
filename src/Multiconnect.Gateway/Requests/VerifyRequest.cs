namespace Multiconnect.Gateway.Requests;

/// <summary>
/// POST /v1/account/verify: <c>{"code"}</c>, the registration code the number received: six digits, as
/// an SMS shows them (<c>123-456</c>) or without the dash.
/// </summary>
public sealed record VerifyRequest(string Code)
{
    public static Validated<VerifyRequest> From(JsonObjectBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        body.OnlyKnown("code");
        var text = body.RequiredString("code");
        var code = text is { Length: 7 } && text[3] == '-' ? string.Concat(text.AsSpan(0, 3), text.AsSpan(4)) : text;
        if (code is not null && (code.Length != 6 || !code.All(char.IsAsciiDigit)))
        {
            body.Invalid("code", "must be the 6-digit registration code the number received");
        }

        return body.Problems ?? (Validated<VerifyRequest>)new VerifyRequest(code!);
    }
}
