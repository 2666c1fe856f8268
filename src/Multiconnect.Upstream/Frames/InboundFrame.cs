using Multiconnect.Contracts.Messaging;

namespace Multiconnect.Upstream.Frames;

/// <summary>
/// Server → client: a user wrote to the business. Sent again (with a higher <paramref name="Attempt"/>)
/// until the client answers with <see cref="InboundAckFrame"/>, so the client must de-duplicate by id.
/// <paramref name="Name"/> is the user's profile name. <paramref name="MessageType"/> is the type of the
/// user's message (<see cref="MessageTypes.Inbound"/>; a frame without it is a text): for a text
/// <paramref name="Body"/> is the text, for any other type the JSON of the type's object as the original's
/// webhook shows it (for an image: id, mime_type, sha256 and caption).
/// </summary>
public sealed record InboundFrame(string Id, string From, string Body, long Timestamp, int Attempt, string? Name = null, string MessageType = MessageTypes.Text) : UpstreamFrame;
