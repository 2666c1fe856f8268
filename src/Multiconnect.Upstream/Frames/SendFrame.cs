namespace Multiconnect.Upstream.Frames;

/// <summary>Client → server: an outbound message. <paramref name="Epoch"/> is the sender's fencing epoch (its session's).</summary>
public sealed record SendFrame(string Id, string To, string Body, long Epoch) : UpstreamFrame;
