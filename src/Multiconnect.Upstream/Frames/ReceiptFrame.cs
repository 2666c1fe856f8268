namespace Multiconnect.Upstream.Frames;

/// <summary>Server → client: a status of message <paramref name="Id"/> to <paramref name="Recipient"/>, at <paramref name="Timestamp"/> (Unix milliseconds).</summary>
public sealed record ReceiptFrame(string Id, string Recipient, string Status, long Timestamp) : UpstreamFrame;
