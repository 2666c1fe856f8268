using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Multiconnect.Gateway.Errors;
using Multiconnect.Persistence;

namespace Multiconnect.Gateway.Apis;

/// <summary>
/// POST /v1/media, GET and DELETE /v1/media/{id}, as the original has them: the upload is the file's
/// bytes as the body, with its MIME type as Content-Type, and is answered with a UUID once stored whole;
/// the download answers the bytes with that Content-Type. Files live in the store every gateway shares
/// (<see cref="IMediaStore"/>), so any gateway serves a file uploaded through another. Any user may use
/// them, as in the original (docs/api.md, "Media").
/// </summary>
public static class MediaApi
{
    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ServiceProvider.GetRequiredService<IOptions<GatewayOptions>>().Value.Media;
        if (options.Problem() is { } problem)
        {
            throw new InvalidOperationException($"{GatewayOptions.Section}:{problem}");
        }

        var media = app.MapGroup("/v1/media");
        // */* among the types: routing would otherwise answer 415 itself to any type not listed, where
        // documents may be any type, and a missing or unsupported one gets the API's own error.
        media.MapPost("/", UploadAsync).WithName("UploadMedia")
            .Accepts<Stream>(MediaTypeRules.Listed[0], MediaTypeRules.Listed[1..])
            .WithSummary("Uploads a media file: the body is the file, Content-Type its MIME type. Answers the file's id, for messages and downloads.");
        media.MapGet("/{id}", DownloadAsync).WithName("DownloadMedia")
            .WithSummary("Downloads a media file: its bytes, with the Content-Type it was uploaded with.");
        media.MapDelete("/{id}", DeleteAsync).WithName("DeleteMedia")
            .WithSummary("Deletes a media file.");
        return app;
    }

    public static async Task<Results<Created<MediaUploadResponse>, ApiError>> UploadAsync(
        HttpRequest request, IMediaStore store, IOptions<GatewayOptions> gateway)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(gateway);
        var limits = gateway.Value.Media;
        var contentType = request.Headers.ContentType.ToString().Trim();
        var kind = MediaTypeRules.KindOf(contentType, limits);
        if (!kind.IsValid)
        {
            return kind.Error;
        }

        // A declared length is judged before a byte is read; a chunked body as it is read.
        switch (request.ContentLength)
        {
            case 0:
                return MediaTypeRules.Empty();
            case { } declared when declared > kind.Value.MaxBytes:
                return MediaTypeRules.TooLarge(kind.Value, limits);
        }

        // Every other endpoint keeps the gateway's small body limit (Multiconnect:Gateway:MaxRequestBodyBytes).
        // This one's is raised here, once the token has been checked, so that nobody without one can send
        // a large body; the store reads it a chunk at a time.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limits.MaxUploadBytes;
        }

        MediaSaveResult saved;
        try
        {
            saved = await store.SaveAsync(Guid.CreateVersion7(), contentType, request.Body, kind.Value.MaxBytes, request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own count passed MaxUploadBytes first; the store has kept nothing.
            return MediaTypeRules.TooLarge(kind.Value, limits);
        }

        return saved switch
        {
            { Outcome: MediaSaveOutcome.Stored, File: { } file } => TypedResults.Created(
                (string?)null, new MediaUploadResponse([new MediaId(file.Id.ToString("D"))])),
            { Outcome: MediaSaveOutcome.Empty } => MediaTypeRules.Empty(),
            _ => MediaTypeRules.TooLarge(kind.Value, limits),
        };
    }

    public static async Task<Results<MediaDownload, ApiError>> DownloadAsync(string id, HttpContext httpContext, IMediaStore store, ILogger<MediaDownload> logger)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(store);
        return await FindAsync(id, store, httpContext.RequestAborted) is { } file
            ? new MediaDownload(file, store, logger)
            : NotFound(id);
    }

    public static async Task<Results<Ok<EmptyResponse>, ApiError>> DeleteAsync(string id, HttpContext httpContext, IMediaStore store)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(store);
        return Guid.TryParseExact(id, "D", out var mediaId) && await store.DeleteAsync(mediaId, httpContext.RequestAborted)
            ? TypedResults.Ok(new EmptyResponse())
            : NotFound(id);
    }

    /// <summary>The stored file <paramref name="id"/> names, or null: ids are UUIDs, so anything else names none.</summary>
    public static async Task<MediaFile?> FindAsync(string id, IMediaStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Guid.TryParseExact(id, "D", out var mediaId) ? await store.FindAsync(mediaId, cancellationToken) : null;
    }

    /// <summary>The original's words, 404/1006 "File with id … not found".</summary>
    public static ApiError NotFound(string id) =>
        ApiError.NotFound($"File with id {(id.Length <= 100 ? id : id[..100] + "…")} not found");
}
