namespace Multiconnect.Upstream.Frames;

/// <summary>
/// Server → client, instead of <see cref="WelcomeFrame"/>: the session is not opened, and the server
/// closes the socket. <paramref name="HighestEpoch"/> is set when the reason is <c>fenced</c>.
/// </summary>
public sealed record RefusedFrame(string Reason, string Detail, long? HighestEpoch = null) : UpstreamFrame;
