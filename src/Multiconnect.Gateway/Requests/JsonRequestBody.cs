using System.Net.Mime;
using System.Text.Json;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// Reads a request body into its record (<see cref="IRequestBody{TSelf}"/>). Whatever the body holds, the
/// answer is the record or a 400 in the API's format naming the JSON path at fault, never an exception:
/// the document is parsed and checked whole first (syntax, duplicate keys, depth, text that cannot be
/// stored: <see cref="JsonText"/>), then checked against the record's contract (unknown fields, values of the
/// wrong type: <see cref="RequestShape"/>), then deserialized once by the source-generated context and
/// validated by the record.
/// </summary>
public static class JsonRequestBody
{
    /// <summary>
    /// No duplicate keys (which of two values counts would be a guess), and no deeper nesting than
    /// any request of the API needs (a message's template components are six levels deep).
    /// </summary>
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    public const string ContentType = MediaTypeNames.Application.Json;

    public static async Task<Validated<T>> ReadAsync<T>(HttpRequest request) where T : class, IRequestBody<T>
    {
        ArgumentNullException.ThrowIfNull(request);
        if (T.WhenAbsent is { } absent && IsEmpty(request))
        {
            return absent;
        }

        if (!request.HasJsonContentType())
        {
            return ApiError.ForStatus(StatusCodes.Status415UnsupportedMediaType, request.Method, request.Path);
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, Options, request.HttpContext.RequestAborted);
            return From<T>(document.RootElement);
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

    /// <summary>The request a parsed body holds, or the error naming what is wrong with it.</summary>
    public static Validated<T> From<T>(JsonElement root) where T : class, IRequestBody<T>
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ApiError.BadRequest("The request body must be a JSON object");
        }

        if (JsonText.Problem(root) is { } text)
        {
            return text;
        }

        var problems = new RequestProblems();
        RequestShape.Check(root, T.JsonTypeInfo, problems);
        if (problems.Error is { } shape)
        {
            return shape;
        }

        var body = root.Deserialize(T.JsonTypeInfo);
        if (body is null)
        {
            return ApiError.BadRequest("The request body must be a JSON object");
        }

        body.Validate(problems);
        return problems.Error ?? (Validated<T>)body;
    }

    private static bool IsEmpty(HttpRequest request) =>
        request.ContentType is null && request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0;
}
