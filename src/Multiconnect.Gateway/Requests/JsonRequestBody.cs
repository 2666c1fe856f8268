using System.Net.Mime;
using System.Text.Json;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// Reads a request body that must be one JSON object. Endpoints read the body themselves (rather
/// than binding a record) so that every field gets its own, precise error.
/// </summary>
public static class JsonRequestBody
{
    public static async Task<Validated<JsonObjectBody>> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return ApiError.ForStatus(StatusCodes.Status415UnsupportedMediaType, request.Method, request.Path);
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? new JsonObjectBody(document.RootElement.Clone())
                : ApiError.BadRequest("The request body must be a JSON object");
        }
        catch (JsonException e)
        {
            return ApiError.BadRequest($"The request body is not valid JSON: {e.Message}");
        }
    }

    public const string ContentType = MediaTypeNames.Application.Json;
}
