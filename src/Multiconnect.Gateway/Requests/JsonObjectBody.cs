using System.Text.Json;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// A JSON object being validated field by field. Each accessor records what is missing or wrong,
/// so that one response lists every problem of the request.
/// </summary>
public sealed class JsonObjectBody(JsonElement root)
{
    private readonly List<ApiError> _problems = [];

    public ApiError? Problems => _problems.Count == 0 ? null : _problems.Skip(1).Aggregate(_problems[0], (all, next) => all.Plus(next));

    public string? RequiredString(string name) => String(name, required: true);

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

    public void Invalid(string name, string details) => _problems.Add(ApiError.Invalid(name, details));

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
        if (root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            _problems.Add(ApiError.Missing(name));
        }

        return false;
    }
}
