namespace Multiconnect.Upstream.Frames;

/// <summary>Server → client: the session is open. <paramref name="Cap"/> is the per-session limit in messages/s, 0 for none.</summary>
public sealed record WelcomeFrame(int V, string Session, long Epoch, long ServerTime, int Cap) : UpstreamFrame;
