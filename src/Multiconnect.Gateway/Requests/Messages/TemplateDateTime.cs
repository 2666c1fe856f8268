using System.Text.Json;

namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>
/// A localized date and time: <c>fallback_value</c>, and at most one of <c>component</c> and <c>unix_epoch</c>,
/// carried as given (their fields are not confirmed for the On-Premises API: docs/api.md).
/// </summary>
public sealed record TemplateDateTime(string? FallbackValue, JsonElement? Component = null, JsonElement? UnixEpoch = null)
{
    public void Validate(RequestProblems problems, string path, bool fallbackRequired = true)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (fallbackRequired || FallbackValue is not null)
        {
            problems.Text(FallbackValue, $"{path}.fallback_value", 1, 1024);
        }

        if (Component is { } component && component.ValueKind != JsonValueKind.Object)
        {
            problems.Invalid($"{path}.component", "must be an object");
        }

        if (UnixEpoch is { } epoch && epoch.ValueKind != JsonValueKind.Object)
        {
            problems.Invalid($"{path}.unix_epoch", "must be an object");
        }

        if (Component is not null && UnixEpoch is not null)
        {
            problems.Invalid(path, "may have component or unix_epoch, not both");
        }
    }
}
