namespace Multiconnect.Upstream.Frames;

/// <summary>Client → server: inbound message <paramref name="Id"/> is safely stored; stop delivering it.</summary>
public sealed record InboundAckFrame(string Id) : UpstreamFrame;
