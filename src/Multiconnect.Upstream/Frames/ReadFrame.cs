namespace Multiconnect.Upstream.Frames;

/// <summary>
/// Client → server: the business has read inbound message <paramref name="Id"/>; the server shows the
/// sender the blue ticks. Idempotent; ids the server never delivered to the number are ignored.
/// </summary>
public sealed record ReadFrame(string Id) : UpstreamFrame;
