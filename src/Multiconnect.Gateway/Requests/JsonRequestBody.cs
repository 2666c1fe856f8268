using System.Net.Mime;
using System.Text.Json;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// Reads a request body that must be one JSON object. Endpoints read the body themselves (rather
/// than binding a record) so that every field gets its own, precise error. Whatever the body holds,
/// the answer is a 400 in the API's format, never an exception: the document is checked whole here
/// (<see cref="JsonText"/>) before any field is read.
/// </summary>
public static class JsonRequestBody
{
    /// <summary>
    /// No duplicate keys (which of two values counts would be a guess), and no deeper nesting than
    /// any request of the API needs (a message's template components are five levels deep).
    /// </summary>
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    public static async Task<Validated<JsonObjectBody>> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return ApiError.ForStatus(StatusCodes.Status415UnsupportedMediaType, request.Method, request.Path);
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, Options, request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ApiError.BadRequest("The request body must be a JSON object");
            }

            return JsonText.Problem(document.RootElement) ?? (Validated<JsonObjectBody>)new JsonObjectBody(document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            return ApiError.BadRequest($"The request body is not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            // The check for duplicate keys reads every name, and a name spelling a lone surrogate cannot be read.
            return ApiError.Invalid("(body)", "holds a parameter name that is not valid Unicode text");
        }
    }

    /// <summary>Reads the body and validates it with <paramref name="parse"/>: the request, or the error of whichever step refused it.</summary>
    public static async Task<Validated<T>> ReadAsync<T>(HttpRequest request, Func<JsonObjectBody, Validated<T>> parse)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(parse);
        var body = await ReadAsync(request);
        return body.IsValid ? parse(body.Value) : body.Error;
    }

    public const string ContentType = MediaTypeNames.Application.Json;
}
