using System.Globalization;
using Microsoft.Net.Http.Headers;
using Multiconnect.Gateway.Errors;
using Multiconnect.Gateway.Requests;

namespace Multiconnect.Gateway.Apis;

/// <summary>
/// Which uploads POST /v1/media takes, by the MIME type in Content-Type, and how large each may be: the
/// types WhatsApp documents for each kind of media message (../shared/WA-API.md §4), a document being any
/// other valid MIME type. An image, audio or video type WhatsApp does not list is refused rather than
/// taken as a document: a message would send it as what it is, and the servers would refuse it then.
/// </summary>
public static class MediaTypeRules
{
    /// <summary>Longer Content-Type values are refused; no MIME type WhatsApp takes comes close.</summary>
    public const int MaxContentTypeLength = 255;

    private static readonly string[] Images = ["image/jpeg", "image/png"];
    private static readonly string[] Stickers = ["image/webp"];
    private static readonly string[] Audio = ["audio/aac", "audio/mp4", "audio/amr", "audio/mpeg"];
    private static readonly string[] Video = ["video/mp4", "video/3gpp", "video/3gp"];

    /// <summary>The types this endpoint names in its OpenAPI description; */* stands for documents.</summary>
    public static readonly string[] Listed = ["image/jpeg", "image/png", "image/webp", "audio/aac", "audio/mp4", "audio/amr", "audio/mpeg", "audio/ogg; codecs=opus", "video/mp4", "video/3gpp", "*/*"];

    private const string Supported =
        "images image/jpeg, image/png; stickers image/webp; audio audio/aac, audio/mp4, audio/amr, audio/mpeg, audio/ogg; codecs=opus; " +
        "video video/mp4, video/3gpp; documents any other valid MIME type (not multipart)";

    /// <summary>The kind of media <paramref name="contentType"/> names, with its limit; or the error for a missing or unsupported type.</summary>
    public static Validated<MediaKind> KindOf(string? contentType, MediaOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return new ApiError(StatusCodes.Status400BadRequest, ApiErrorCodes.RequiredParameterMissing, "Required parameter is missing",
                "Content-Type missing: send the file's MIME type, e.g. 'Content-Type: image/jpeg'");
        }

        if (contentType.Length > MaxContentTypeLength
            || !MediaTypeHeaderValue.TryParse(contentType, out var type)
            || type.MatchesAllTypes || type.MatchesAllSubTypes
            || type.Type.Equals("multipart", StringComparison.OrdinalIgnoreCase))
        {
            return Unsupported(contentType);
        }

        MediaTypeHeaderValue parsed = type;
        var name = parsed.MediaType.Value ?? "";
        bool Among(string[] types) => types.Contains(name, StringComparer.OrdinalIgnoreCase);
        bool Under(string top) => parsed.Type.Equals(top, StringComparison.OrdinalIgnoreCase);
        long Limit(long kind) => Math.Min(kind, limits.MaxUploadBytes);
        return name switch
        {
            _ when Among(Images) => new MediaKind("image", Limit(limits.ImageBytes)),
            _ when Among(Stickers) => new MediaKind("sticker", Limit(limits.StickerBytes)),
            _ when Among(Audio) || (Among(["audio/ogg"]) && IsOpus(parsed)) => new MediaKind("audio", Limit(limits.AudioBytes)),
            _ when Among(Video) => new MediaKind("video", Limit(limits.VideoBytes)),
            _ when Under("image") || Under("audio") || Under("video") => Unsupported(contentType),
            _ => new MediaKind("document", Limit(limits.DocumentBytes)),
        };
    }

    /// <summary>The original's words for an upload over the cap, "Request content exceeds size of 100 MB", naming the kind when its own limit is lower.</summary>
    public static ApiError TooLarge(MediaKind kind, MediaOptions limits)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(limits);
        var details = $"Request content exceeds size of {Size(kind.MaxBytes)}";
        return ApiError.BadRequest(kind.MaxBytes < limits.MaxUploadBytes ? $"{details}, the limit for {kind.Name} files" : details);
    }

    public static ApiError Empty() =>
        new(StatusCodes.Status400BadRequest, ApiErrorCodes.RequiredParameterMissing, "Required parameter is missing",
            "The request body is empty: send the file's bytes as the body");

    /// <summary>A limit as people write it: "100 MB", "100 KB", or bytes when it is neither.</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB"),
        >= 1024 when bytes % 1024 == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };

    /// <summary>Plain audio/ogg is not supported, only with the Opus codec (WhatsApp's words).</summary>
    private static bool IsOpus(MediaTypeHeaderValue type) =>
        type.Parameters.Any(p => p.Name.Equals("codecs", StringComparison.OrdinalIgnoreCase)
            && HeaderUtilities.RemoveQuotes(p.Value).Equals("opus", StringComparison.OrdinalIgnoreCase));

    private static ApiError Unsupported(string contentType) =>
        ApiError.Invalid("Content-Type", $"'{Shown(contentType)}' is not a supported media type; supported: {Supported}");

    private static string Shown(string contentType) => contentType.Length <= 100 ? contentType : contentType[..100] + "…";
}
