using System.Text.Json;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// Every name and string of a request must be text we can store and send on: valid Unicode (JSON's
/// escapes can spell a lone surrogate such as <c>"\ud800"</c>, which no string can hold) and without
/// NUL (<c>"\u0000"</c>), which PostgreSQL's text cannot hold. We refuse NUL rather than encode it:
/// no message or setting of the API has a use for it, and a stored value must read back as it was sent.
/// </summary>
public static class JsonText
{
    /// <summary>The first name or string in <paramref name="element"/> that is not such text, as a 400 naming its JSON path.</summary>
    public static ApiError? Problem(JsonElement element) => Problem(element, "");

    private static ApiError? Problem(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // Every name was read once already, by the parser's check for duplicate keys (JsonRequestBody).
                foreach (var property in element.EnumerateObject())
                {
                    var name = property.Name;
                    var named = path.Length == 0 ? name : $"{path}.{name}";
                    if (name.Contains('\0', StringComparison.Ordinal))
                    {
                        return ApiError.Invalid(Printable(named), "a parameter name must not contain the NUL character (\\u0000)");
                    }

                    if (Problem(property.Value, named) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Problem(item, $"{path}[{index++}]") is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValueKind.String:
                if (!TryRead(element, out var text))
                {
                    return ApiError.Invalid(path, "is not valid Unicode text (it holds an unpaired surrogate such as \\ud800)");
                }

                return text.Contains('\0', StringComparison.Ordinal)
                    ? ApiError.Invalid(path, "must not contain the NUL character (\\u0000)")
                    : null;
            default:
                return null;
        }
    }

    /// <summary>System.Text.Json reads a lone surrogate's escape only to refuse it when the string is asked for.</summary>
    private static bool TryRead(JsonElement element, out string text)
    {
        try
        {
            text = element.GetString() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    private static string Printable(string path) => path.Replace("\0", "\\u0000", StringComparison.Ordinal);
}
