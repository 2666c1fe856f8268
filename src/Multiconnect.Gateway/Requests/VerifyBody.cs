using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// POST /v1/account/verify: <c>{"code"}</c>, the registration code the number received: six digits, as
/// an SMS shows them (<c>123-456</c>) or without the dash.
/// </summary>
public sealed record VerifyBody([property: Required] string? Code) : IRequestBody<VerifyBody>
{
    public static JsonTypeInfo<VerifyBody> JsonTypeInfo => RequestJsonContext.Default.VerifyBody;

    /// <summary>The six digits, without the dash.</summary>
    [JsonIgnore]
    public string Digits => Code is { Length: 7 } && Code[3] == '-' ? string.Concat(Code.AsSpan(0, 3), Code.AsSpan(4)) : Code ?? "";

    public void Validate(RequestProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Required(Code, "code") && (Digits.Length != 6 || !Digits.All(char.IsAsciiDigit)))
        {
            problems.Invalid("code", "must be the 6-digit registration code the number received");
        }
    }
}
