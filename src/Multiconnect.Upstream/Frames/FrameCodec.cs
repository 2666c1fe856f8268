using System.Text.Json;

namespace Multiconnect.Upstream.Frames;

/// <summary>Reads and writes frames: one JSON object each, several per WebSocket message, newline-separated.</summary>
public static class FrameCodec
{
    /// <summary>Appends every frame of one WebSocket message to <paramref name="frames"/>; blank lines are skipped.</summary>
    public static void ReadAll(ReadOnlySpan<byte> message, List<UpstreamFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        while (!message.IsEmpty)
        {
            var end = message.IndexOf(UpstreamProtocol.FrameSeparator);
            var line = end < 0 ? message : message[..end];
            message = end < 0 ? [] : message[(end + 1)..];
            if (!line.Trim(" \t\r"u8).IsEmpty)
            {
                frames.Add(Read(line));
            }
        }
    }

    public static UpstreamFrame Read(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, UpstreamJsonContext.Default.UpstreamFrame)
                ?? throw new UpstreamProtocolException("A frame is null.");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new UpstreamProtocolException($"A frame cannot be read: {e.Message}", e);
        }
    }

    public static void Write(Utf8JsonWriter writer, UpstreamFrame frame) =>
        JsonSerializer.Serialize(writer, frame, UpstreamJsonContext.Default.UpstreamFrame);
}
