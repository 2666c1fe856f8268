using Multiconnect.Contracts.Messaging;

namespace Multiconnect.Upstream.Frames;

/// <summary>
/// Client → server: an outbound message. <paramref name="Epoch"/> is the sender's fencing epoch (its
/// session's). <paramref name="Shards"/> and <paramref name="Generation"/> are the shard count and the
/// generation of the shard map the message was accepted under (0: not told; the session's count applies),
/// so the server can check that the sending shard owned the recipient then, across a change of count.
/// <paramref name="MessageType"/> is the original's message type (<see cref="MessageTypes"/>; a frame
/// without it is a text): for a text <paramref name="Body"/> is the text, for any other type the JSON of
/// the type's object. On the wire it is <c>message_type</c>, since <c>type</c> names the frame.
/// </summary>
public sealed record SendFrame(string Id, string To, string Body, long Epoch, int Shards = 0, long Generation = 0, string MessageType = MessageTypes.Text) : UpstreamFrame;
