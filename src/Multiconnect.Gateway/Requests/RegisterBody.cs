using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// POST /v1/account: <c>{"cc","phone_number","method","cert","pin"?}</c> (<see cref="AccountFields"/>);
/// method is how the WhatsApp servers send the registration code, <c>sms</c> or <c>voice</c>; pin only
/// when two-step verification is on.
/// </summary>
public sealed record RegisterBody(
    [property: Required] string? Cc,
    [property: Required] string? PhoneNumber,
    [property: Required] string? Method,
    [property: Required] string? Cert,
    string? Pin = null) : IRequestBody<RegisterBody>
{
    public static readonly IReadOnlyList<string> Methods = ["sms", "voice"];

    public static JsonTypeInfo<RegisterBody> JsonTypeInfo => RequestJsonContext.Default.RegisterBody;

    public void Validate(RequestProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        AccountFields.Validate(problems, Cc, PhoneNumber, Pin, Cert, certRequired: true);
        if (problems.Required(Method, "method") && !Methods.Contains(Method))
        {
            problems.Invalid("method", $"must be one of {string.Join(", ", Methods)}; got '{Method}'");
        }
    }
}
