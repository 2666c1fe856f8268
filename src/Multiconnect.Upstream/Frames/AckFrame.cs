namespace Multiconnect.Upstream.Frames;

/// <summary>
/// Server → client: a send was accepted at <paramref name="ServerTime"/> (Unix milliseconds).
/// <paramref name="Duplicate"/> is true when the id had been accepted before: it is not delivered again.
/// </summary>
public sealed record AckFrame(string Id, long ServerTime, bool Duplicate) : UpstreamFrame;
