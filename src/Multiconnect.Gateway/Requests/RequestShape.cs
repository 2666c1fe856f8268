using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// Checks a body against its record's contract (the source-generated <see cref="JsonTypeInfo"/>) before it is
/// deserialized, so that every field the record does not have and every value of the wrong JSON type is
/// reported at once, named by its JSON path, in words a client understands rather than .NET type names.
/// A body that passes deserializes without error; its values are then the record's to validate.
/// </summary>
public static class RequestShape
{
    public static void Check(JsonElement element, JsonTypeInfo info, RequestProblems problems) => Check(element, info, null, "", problems);

    private static void Check(JsonElement element, JsonTypeInfo info, JsonPropertyInfo? property, string path, RequestProblems problems)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return; // absent: the record says whether it may be
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when element.ValueKind == JsonValueKind.Object:
                foreach (var field in element.EnumerateObject())
                {
                    if (Find(info, field) is not { } known)
                    {
                        problems.Invalid(Join(path, field.Name), $"is not a known parameter here; expected {string.Join(", ", info.Properties.Select(p => p.Name))}");
                        continue;
                    }

                    // A path is made only where it is needed (a problem, or fields below): the common case allocates none.
                    var type = info.Options.GetTypeInfo(known.PropertyType);
                    if (type.Kind != JsonTypeInfoKind.None || !Fits(field.Value, type.Type, known))
                    {
                        Check(field.Value, type, known, Join(path, known.Name), problems);
                    }
                }

                return;
            case JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Array && info.ElementType is { } itemType:
                var items = info.Options.GetTypeInfo(itemType);
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Check(item, items, null, $"{path}[{index++}]", problems);
                }

                return;
            case JsonTypeInfoKind.None when Fits(element, info.Type, property):
                return;
            default:
                problems.Invalid(path, $"must be {Kind(info, property)}");
                return;
        }
    }

    private static JsonPropertyInfo? Find(JsonTypeInfo info, JsonProperty field)
    {
        foreach (var property in info.Properties)
        {
            if (field.NameEquals(property.Name))
            {
                return property;
            }
        }

        return null;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static bool Fits(JsonElement element, Type declared, JsonPropertyInfo? property)
    {
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        var digits = AllowsDigits(property) && element.ValueKind == JsonValueKind.String;
        return type == typeof(JsonElement)
            || (type == typeof(string) && element.ValueKind == JsonValueKind.String)
            || (type == typeof(bool) && element.ValueKind is JsonValueKind.True or JsonValueKind.False)
            || (type == typeof(int) && (element.ValueKind == JsonValueKind.Number ? element.TryGetInt32(out _) : digits && int.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            || (type == typeof(long) && (element.ValueKind == JsonValueKind.Number ? element.TryGetInt64(out _) : digits && long.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            || (type == typeof(double) && element.ValueKind == JsonValueKind.Number && double.IsFinite(element.GetDouble()));
    }

    private static string Kind(JsonTypeInfo info, JsonPropertyInfo? property)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        var digits = AllowsDigits(property) ? ", or a string of digits" : "";
        return info.Kind switch
        {
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
            JsonTypeInfoKind.Enumerable => "an array",
            _ when type == typeof(string) => "a string",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) => "a whole number" + digits,
            _ => "a number" + digits,
        };
    }

    private static bool AllowsDigits(JsonPropertyInfo? property) =>
        property?.NumberHandling?.HasFlag(JsonNumberHandling.AllowReadingFromString) == true;
}
