namespace Multiconnect.Gateway.Apis;

/// <summary>
/// Multiconnect:Gateway:Media: how large an upload to POST /v1/media may be, in all and per kind of media
/// (docs/api.md, "Media"). Environment: Multiconnect__Gateway__Media__ImageBytes and so on. The defaults
/// are the original's: 100 MB to the media node, and the sizes WhatsApp documents for each kind (a megabyte
/// is 1,048,576 bytes here).
/// </summary>
public sealed class MediaOptions
{
    private const long Megabyte = 1024 * 1024;

    /// <summary>The original's cap on any upload, "Request content exceeds size of 100 MB". Only POST /v1/media may send a body this large.</summary>
    public long MaxUploadBytes { get; set; } = 100 * Megabyte;

    /// <summary>image/jpeg, image/png.</summary>
    public long ImageBytes { get; set; } = 5 * Megabyte;

    /// <summary>audio/aac, audio/mp4, audio/amr, audio/mpeg, audio/ogg; codecs=opus.</summary>
    public long AudioBytes { get; set; } = 16 * Megabyte;

    /// <summary>video/mp4, video/3gpp.</summary>
    public long VideoBytes { get; set; } = 16 * Megabyte;

    /// <summary>image/webp: static stickers (the On-Premises client sends no animated ones; the Cloud API allows those 500 KB).</summary>
    public long StickerBytes { get; set; } = 100 * 1024;

    /// <summary>Any other valid MIME type is a document.</summary>
    public long DocumentBytes { get; set; } = 100 * Megabyte;

    /// <summary>What is wrong with these settings, or null. A kind's limit above <see cref="MaxUploadBytes"/> is cut to it.</summary>
    public string? Problem() =>
        MaxUploadBytes is < 1 or > int.MaxValue ? "Media:MaxUploadBytes must be between 1 and 2147483647"
        : new[] { ImageBytes, AudioBytes, VideoBytes, StickerBytes, DocumentBytes }.Any(limit => limit < 1)
            ? "Media: ImageBytes, AudioBytes, VideoBytes, StickerBytes and DocumentBytes must each be at least 1"
        : null;
}
