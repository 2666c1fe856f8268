using System.Text.Json;

namespace Multiconnect.Tests.Integration.Fuzz;

/// <summary>One operation of the gateway's OpenAPI document: its method, path template, parameters and body schema.</summary>
public sealed record OpenApiOperation(string Method, string Path, IReadOnlyList<(string Name, string In)> Parameters, JsonElement? Body)
{
    /// <summary>The media types the body may have, as the document lists them.</summary>
    public IReadOnlyList<string> BodyTypes { get; init; } = [];

    /// <summary>The body is a file (POST /v1/media): its bytes, of the media type Content-Type names, not JSON.</summary>
    public bool TakesFile => BodyTypes.Count > 0 && !BodyTypes.Any(type => type.StartsWith("application/json", StringComparison.Ordinal));

    /// <summary>Every operation of <paramref name="document"/>, with the body schema resolved from its components.</summary>
    public static IReadOnlyList<OpenApiOperation> AllOf(JsonElement document)
    {
        var operations = new List<OpenApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!)).ToList()
                    : [];
                JsonElement? body = operation.Value.TryGetProperty("requestBody", out var requestBody)
                    ? new OpenApiSchema(document).Resolve(requestBody.GetProperty("content").EnumerateObject().First().Value.GetProperty("schema"))
                    : null;
                IReadOnlyList<string> bodyTypes = operation.Value.TryGetProperty("requestBody", out var described)
                    ? [.. described.GetProperty("content").EnumerateObject().Select(type => type.Name)]
                    : [];
                operations.Add(new OpenApiOperation(operation.Name.ToUpperInvariant(), path.Name, parameters, body) { BodyTypes = bodyTypes });
            }
        }

        return operations;
    }

    /// <summary>
    /// The document does not say how an operation authenticates: login and the Orleans Dashboard take
    /// the admin's Basic credentials, every other operation a Bearer token.
    /// </summary>
    public bool TakesBasicCredentials => Path == "/v1/users/login" || Path.StartsWith("/dashboard", StringComparison.Ordinal);
}
