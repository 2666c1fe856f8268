namespace Multiconnect.Simulator.Media;

/// <summary>A file the servers hold: its bytes, MIME type and SHA-256 (lower-case hex), and when it came.</summary>
public sealed record MediaFile(string Id, string ContentType, byte[] Content, string Sha256, DateTimeOffset StoredAt);
