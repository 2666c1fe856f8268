using System.Text.Json;

namespace Multiconnect.Tests.Integration.Fuzz;

/// <summary>Reads the parts of an OpenAPI (3.1) schema the generator needs: references, types, properties, required.</summary>
public sealed class OpenApiSchema(JsonElement document)
{
    public JsonElement Resolve(JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }

    /// <summary>The schema's type, the first other than "null" when it lists several ("integer" when integer is among them).</summary>
    public static string TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return "object";
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString()!;
        }

        var types = type.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null").ToList();
        return types.Contains("integer") ? "integer" : types.FirstOrDefault() ?? "string";
    }

    public IReadOnlyList<(string Name, JsonElement Schema, bool Required)> Properties(JsonElement schema)
    {
        var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()!).ToHashSet() : [];
        return schema.TryGetProperty("properties", out var properties)
            ? [.. properties.EnumerateObject().Select(p => (p.Name, Resolve(p.Value), required.Contains(p.Name)))]
            : [];
    }
}
