using System.Text.Json.Serialization;

namespace Multiconnect.Upstream.Frames;

/// <summary>
/// One frame of the upstream protocol: a JSON object whose <c>type</c> says which. Several frames
/// travel in one WebSocket text message, separated by a newline. Unknown fields are ignored.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HelloFrame), "hello")]
[JsonDerivedType(typeof(WelcomeFrame), "welcome")]
[JsonDerivedType(typeof(RefusedFrame), "refused")]
[JsonDerivedType(typeof(SendFrame), "send")]
[JsonDerivedType(typeof(AckFrame), "ack")]
[JsonDerivedType(typeof(NackFrame), "nack")]
[JsonDerivedType(typeof(ReceiptFrame), "receipt")]
[JsonDerivedType(typeof(InboundFrame), "inbound")]
[JsonDerivedType(typeof(InboundAckFrame), "inbound_ack")]
[JsonDerivedType(typeof(ReadFrame), "read")]
[JsonDerivedType(typeof(ClosingFrame), "closing")]
public abstract record UpstreamFrame;
