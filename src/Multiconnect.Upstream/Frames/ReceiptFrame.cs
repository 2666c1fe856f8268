namespace Multiconnect.Upstream.Frames;

/// <summary>
/// Server → client: a status of message <paramref name="Id"/> to <paramref name="Recipient"/>, at
/// <paramref name="Timestamp"/> (Unix milliseconds); <c>sent</c> and <c>delivered</c> carry the
/// conversation the message is counted in and its pricing.
/// </summary>
public sealed record ReceiptFrame(
    string Id, string Recipient, string Status, long Timestamp, ReceiptConversation? Conversation = null, ReceiptPricing? Pricing = null) : UpstreamFrame;
