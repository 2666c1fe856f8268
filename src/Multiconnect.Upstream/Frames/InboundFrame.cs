namespace Multiconnect.Upstream.Frames;

/// <summary>
/// Server → client: a user wrote to the business. Sent again (with a higher <paramref name="Attempt"/>)
/// until the client answers with <see cref="InboundAckFrame"/>, so the client must de-duplicate by id.
/// <paramref name="Name"/> is the user's profile name.
/// </summary>
public sealed record InboundFrame(string Id, string From, string Body, long Timestamp, int Attempt, string? Name = null) : UpstreamFrame;
