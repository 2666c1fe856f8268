using System.Text.Json.Serialization;

namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>
/// A localized currency: <c>fallback_value</c> (shown where the amount cannot be localized), <c>code</c>
/// (ISO 4217) and <c>amount_1000</c> (the amount times 1,000).
/// </summary>
public sealed record TemplateCurrency(
    string? FallbackValue,
    string? Code,
    [property: JsonPropertyName("amount_1000")] long? Amount1000)
{
    public void Validate(RequestProblems problems, string path, bool fallbackRequired = true)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (fallbackRequired || FallbackValue is not null)
        {
            problems.Text(FallbackValue, $"{path}.fallback_value", 1, 1024);
        }

        if (problems.Required(Code, $"{path}.code") && (Code.Length != 3 || !Code.All(char.IsAsciiLetterUpper)))
        {
            problems.Invalid($"{path}.code", $"must be an ISO 4217 currency code such as USD; got '{Code}'");
        }

        problems.Required(Amount1000, $"{path}.amount_1000");
    }
}
