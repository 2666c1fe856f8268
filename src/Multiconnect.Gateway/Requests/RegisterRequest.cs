namespace Multiconnect.Gateway.Requests;

/// <summary>
/// POST /v1/account: <c>{"cc","phone_number","method","cert","pin"?}</c> (<see cref="AccountFields"/>);
/// method is how the WhatsApp servers send the registration code, <c>sms</c> or <c>voice</c>.
/// </summary>
public sealed record RegisterRequest(string Cc, string PhoneNumber, string Method, string? Pin, string Cert)
{
    public static readonly IReadOnlyList<string> Methods = ["sms", "voice"];

    public static Validated<RegisterRequest> From(JsonObjectBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        body.OnlyKnown("cc", "phone_number", "method", "cert", "pin");
        var (cc, phoneNumber, pin, cert) = AccountFields.Read(body, certRequired: true);
        var method = body.RequiredString("method");
        if (method is not null && !Methods.Contains(method))
        {
            body.Invalid("method", $"must be one of {string.Join(", ", Methods)}; got '{method}'");
        }

        return body.Problems ?? (Validated<RegisterRequest>)new RegisterRequest(cc!, phoneNumber!, method!, pin, cert!);
    }
}
