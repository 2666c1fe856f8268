namespace Multiconnect.Upstream.Frames;

/// <summary>Server → client: a send was refused (<c>fenced</c> or <c>invalid</c>) and not delivered.</summary>
public sealed record NackFrame(string Id, string Reason, string Detail) : UpstreamFrame;
