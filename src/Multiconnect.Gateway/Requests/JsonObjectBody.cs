using System.Text.Json;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// A JSON object being validated field by field. Each accessor records what is missing or wrong,
/// so that one response lists every problem of the request.
/// </summary>
public sealed class JsonObjectBody
{
    private readonly JsonElement _root;
    private readonly List<ApiError> _problems;
    private readonly string _prefix;

    public JsonObjectBody(JsonElement root)
        : this(root, [], "")
    {
    }

    private JsonObjectBody(JsonElement root, List<ApiError> problems, string prefix) => (_root, _problems, _prefix) = (root, problems, prefix);

    public ApiError? Problems => _problems.Count == 0 ? null : _problems.Skip(1).Aggregate(_problems[0], (all, next) => all.Plus(next));

    public string? RequiredString(string name) => String(name, required: true);

    /// <summary>A nested object, whose problems are reported with this body's, its fields named "parent.child".</summary>
    public JsonObjectBody? RequiredObject(string name) => Object(name, required: true);

    /// <summary>A nested object as <see cref="RequiredObject"/>, or null when it is absent.</summary>
    public JsonObjectBody? OptionalObject(string name) => Object(name, required: false);

    public string? OptionalString(string name) => String(name, required: false);

    public int? RequiredInteger(string name)
    {
        if (!TryGet(name, required: true, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        Invalid(name, "must be a whole number");
        return null;
    }

    /// <summary>An array of 1 to <paramref name="max"/> strings; an item that is not a string is reported as <c>name[i]</c>.</summary>
    public IReadOnlyList<string>? RequiredStrings(string name, int max)
    {
        if (!TryGet(name, required: true, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 || value.GetArrayLength() > max)
        {
            Invalid(name, $"must be an array of 1 to {max} strings");
            return null;
        }

        var items = new List<string>(value.GetArrayLength());
        foreach (var (item, index) in value.EnumerateArray().Select((item, index) => (item, index)))
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                items.Add(item.GetString()!);
            }
            else
            {
                Invalid($"{name}[{index}]", "must be a string");
            }
        }

        return items.Count == value.GetArrayLength() ? items : null;
    }

    /// <summary>A whole number, or null when absent; with <paramref name="orDigits"/>, a string of digits too (the original takes some numbers as strings).</summary>
    public int? OptionalInteger(string name, bool orDigits = false)
    {
        if (!TryGet(name, required: false, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        if (orDigits && value.ValueKind == JsonValueKind.String
            && int.TryParse(value.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        Invalid(name, orDigits ? "must be a whole number, or a string of digits" : "must be a whole number");
        return null;
    }

    public bool? OptionalBoolean(string name)
    {
        if (!TryGet(name, required: false, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Invalid(name, "must be true or false");
        return null;
    }

    /// <summary>Reports every field that is not one of <paramref name="known"/>: a setting nobody reads must not look accepted.</summary>
    public void OnlyKnown(params string[] known)
    {
        foreach (var property in _root.EnumerateObject().Where(p => !known.Contains(p.Name, StringComparer.Ordinal)))
        {
            Invalid(property.Name, $"is not a known parameter here; expected {string.Join(", ", known)}");
        }
    }

    public void Invalid(string name, string details) => _problems.Add(ApiError.Invalid(_prefix + name, details));

    private JsonObjectBody? Object(string name, bool required)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return new JsonObjectBody(value, _problems, $"{_prefix}{name}.");
        }

        Invalid(name, "must be an object");
        return null;
    }

    private string? String(string name, bool required)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        Invalid(name, "must be a string");
        return null;
    }

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        if (_root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            _problems.Add(ApiError.Missing(_prefix + name));
        }

        return false;
    }
}
