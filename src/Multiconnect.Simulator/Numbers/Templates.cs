using System.Collections.Concurrent;
using System.Text.Json;
using Multiconnect.Contracts.Messaging;
using Multiconnect.Upstream;

namespace Multiconnect.Simulator.Numbers;

/// <summary>
/// The message templates a business number had approved, as the servers know them: a name in a language,
/// with how many parameters its body takes. A number with none approved takes every template, as before
/// templates were known (load tests send any); once one is, a template or hsm must name an approved one
/// (else <see cref="RefusalReasons.TemplateMissing"/>) and fill its body's parameters exactly (else
/// <see cref="RefusalReasons.TemplateParamMismatch"/>). A body that parses was checked before
/// (<see cref="MessageContent.OutboundProblem"/>).
/// </summary>
public sealed class Templates
{
    private readonly ConcurrentDictionary<(string Name, string Language), int> _approved = new();

    public void Approve(string name, string language, int parameters) => _approved[(name, language)] = parameters;

    /// <summary>The approved templates, by name and language.</summary>
    public IReadOnlyList<(string Name, string Language, int Parameters)> List() =>
        [.. _approved.Select(t => (t.Key.Name, t.Key.Language, t.Value)).OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Language, StringComparer.Ordinal)];

    /// <summary>Why the servers refuse the template or hsm <paramref name="body"/>, or (null, null) when they take it (or it is another type).</summary>
    public (string? Reason, string? Detail) Problem(string type, string body)
    {
        if (_approved.IsEmpty || type is not (MessageTypes.Template or MessageTypes.Hsm))
        {
            return (null, null);
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var hsm = type == MessageTypes.Hsm;
        var name = root.GetProperty(hsm ? "element_name" : "name").GetString()!;
        var language = root.GetProperty("language").GetProperty("code").GetString()!;
        if (!_approved.TryGetValue((name, language), out var expected))
        {
            return (RefusalReasons.TemplateMissing, $"{type}: no approved template {name} in {language}");
        }

        var given = hsm ? Count(root, "localizable_params")
            : root.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array
                ? components.EnumerateArray().Where(c => c.TryGetProperty("type", out var t) && t.ValueEquals("body")).Sum(c => Count(c, "parameters"))
                : 0;
        return given == expected ? (null, null)
            : (RefusalReasons.TemplateParamMismatch, $"{type}: template {name} in {language} takes {expected} body parameters, not {given}");
    }

    private static int Count(JsonElement element, string array) =>
        element.TryGetProperty(array, out var items) && items.ValueKind == JsonValueKind.Array ? items.GetArrayLength() : 0;
}
