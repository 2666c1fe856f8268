using Microsoft.AspNetCore.Http.Metadata;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Multiconnect.Gateway.Errors;

/// <summary>
/// An error as the WhatsApp Business API reports it:
/// <c>{"errors":[{"code","title","details"}],"meta":{"api_status":"stable","version":"…"}}</c>.
/// Every error the gateway answers with, from validation to an unhandled exception, is one of these.
/// </summary>
public sealed record ApiError(int StatusCode, IReadOnlyList<ApiErrorItem> Errors) : IResult, IEndpointMetadataProvider
{
    public ApiError(int statusCode, int code, string title, string details)
        : this(statusCode, [new ApiErrorItem(code, title, details)])
    {
    }

    /// <summary>When set, the answer carries 'Retry-After' with this many seconds (rounded up, at least one).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static readonly string Version =
        typeof(ApiError).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The error format does not depend on how the application configures JSON.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable details: ' and < stay as they are in application/json
    };

    public static ApiError Missing(string parameter) =>
        new(StatusCodes.Status400BadRequest, ApiErrorCodes.RequiredParameterMissing, "Required parameter is missing", $"{parameter} is required");

    public static ApiError Invalid(string parameter, string details) =>
        new(StatusCodes.Status400BadRequest, ApiErrorCodes.ParameterValueNotValid, "Parameter value is not valid", $"{parameter}: {details}");

    public static ApiError MessageTooLong(string details) =>
        new(StatusCodes.Status400BadRequest, ApiErrorCodes.MessageTooLong, "Message too long", details);

    public static ApiError BadRequest(string details) =>
        new(StatusCodes.Status400BadRequest, ApiErrorCodes.ParameterValueNotValid, "Parameter value is not valid", details);

    public static ApiError AccessDenied(string details) =>
        new(StatusCodes.Status401Unauthorized, ApiErrorCodes.AccessDenied, "Access denied", details);

    public static ApiError Forbidden(string details) =>
        new(StatusCodes.Status403Forbidden, ApiErrorCodes.AccessDenied, "Access denied", details);

    public static ApiError AccountLocked(string details) =>
        new(StatusCodes.Status403Forbidden, ApiErrorCodes.AccountLocked, "Sender account has been locked", details);

    public static ApiError NotFound(string details) =>
        new(StatusCodes.Status404NotFound, ApiErrorCodes.NotFound, "Resource not found", details);

    public static ApiError AlreadyExists(string details) =>
        new(StatusCodes.Status409Conflict, ApiErrorCodes.AlreadyExists, "Resource already exists", details);

    /// <summary>The original's answer to an address that made too many failed logins: 429, code 1015.</summary>
    public static ApiError TooManyFailedLogins(TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, ApiErrorCodes.TooManyRequests, "Too many requests",
            $"Rate limiting exceeded on bad login attempts from this address; retry in {Seconds(retryAfter)} s")
        { RetryAfter = retryAfter };

    public static ApiError RateLimited(TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, ApiErrorCodes.TooManyRequests, "Too many requests",
            $"Rate limiting exceeded for this user on this endpoint; retry in {Seconds(retryAfter)} s")
        { RetryAfter = retryAfter };

    public static ApiError Overloaded(string details, TimeSpan retryAfter) =>
        new(StatusCodes.Status503ServiceUnavailable, ApiErrorCodes.SystemOverloaded, "System overloaded", details) { RetryAfter = retryAfter };

    public static ApiError ServiceNotReady(string details) =>
        new(StatusCodes.Status503ServiceUnavailable, ApiErrorCodes.ServiceNotReady, "Service not ready", details);

    /// <summary>The original's answer to a change of the shard count it cannot make now: 403, "temporarily unavailable, retry".</summary>
    public static ApiError TemporarilyUnavailable(string details) =>
        new(StatusCodes.Status403Forbidden, ApiErrorCodes.ServiceNotReady, "Service not ready", details);

    public static ApiError Internal(string details) =>
        new(StatusCodes.Status500InternalServerError, ApiErrorCodes.InternalError, "Internal error", details);

    /// <summary>The error for a bare HTTP status (404, 405, 413, 415, …) that no endpoint produced itself.</summary>
    public static ApiError ForStatus(int statusCode, string method, string path) => statusCode switch
    {
        StatusCodes.Status401Unauthorized => AccessDenied("A valid 'Authorization: Bearer <token>' header is required; get a token from POST /v1/users/login"),
        StatusCodes.Status403Forbidden => Forbidden($"{method} {path} is not allowed for this user: only the admin user may do this"),
        StatusCodes.Status404NotFound => new(statusCode, ApiErrorCodes.NotFound, "Resource not found", $"{path} does not exist"),
        StatusCodes.Status405MethodNotAllowed => new(statusCode, ApiErrorCodes.GenericError, "Method not allowed", $"{method} is not supported on {path}"),
        StatusCodes.Status413PayloadTooLarge => new(statusCode, ApiErrorCodes.ParameterValueNotValid, "Request body too large", "The request body exceeds the size this API accepts"),
        StatusCodes.Status415UnsupportedMediaType => new(statusCode, ApiErrorCodes.ParameterValueNotValid, "Unsupported media type", "The request body must be JSON, sent with 'Content-Type: application/json'"),
        StatusCodes.Status429TooManyRequests => new(statusCode, ApiErrorCodes.TooManyRequests, "Too many requests", "Slow down and retry later"),
        StatusCodes.Status503ServiceUnavailable => ServiceNotReady("The cluster cannot serve this request now; retry later"),
        >= 500 => Internal("The request failed inside the gateway; it has been logged"),
        _ => new(statusCode, ApiErrorCodes.GenericError, "Request failed", $"{method} {path} failed with HTTP status {statusCode}"),
    };

    public ApiError Plus(ApiError other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with { Errors = [.. Errors, .. other.Errors] };
    }

    /// <summary>The error this request was answered with, if any (for the request metrics).</summary>
    public static ApiError? Answered(HttpContext httpContext) =>
        httpContext?.Items.TryGetValue(typeof(ApiError), out var error) == true ? error as ApiError : null;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Items[typeof(ApiError)] = this;
        httpContext.Response.StatusCode = StatusCode;
        if (RetryAfter is { } retryAfter)
        {
            httpContext.Response.Headers.RetryAfter = Seconds(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return httpContext.Response.WriteAsJsonAsync(new ApiErrorResponse(Errors, ApiMeta.Current), Json);
    }

    private static long Seconds(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(ApiErrorResponse), ["application/json"]));
    }
}
