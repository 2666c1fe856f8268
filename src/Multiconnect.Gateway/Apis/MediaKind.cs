namespace Multiconnect.Gateway.Apis;

/// <summary>What an upload is by its MIME type, as a message would send it (image, audio, video, sticker or document), and the most bytes it may have.</summary>
public sealed record MediaKind(string Name, long MaxBytes);
