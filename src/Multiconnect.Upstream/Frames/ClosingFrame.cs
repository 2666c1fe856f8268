namespace Multiconnect.Upstream.Frames;

/// <summary>Server → client, last frame of an open session: why the server is closing it.</summary>
public sealed record ClosingFrame(string Reason, string Detail) : UpstreamFrame;
