using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Multiconnect.Tests.Simulator.Infrastructure;

/// <summary>
/// The upstream protocol spoken by hand over a raw WebSocket, as a client in another language would,
/// or as a client that does things <see cref="UpstreamSession"/> never does (ignoring the server's close).
/// </summary>
public sealed class RawUpstream : IDisposable
{
    private readonly ClientWebSocket _socket = new();

    private RawUpstream()
    {
    }

    public static async Task<RawUpstream> ConnectAsync(Uri simulatorBaseAddress)
    {
        var raw = new RawUpstream();
        await raw._socket.ConnectAsync(UpstreamSessionOptions.EndpointFor(simulatorBaseAddress), CancellationToken.None);
        return raw;
    }

    public static string Json(UpstreamFrame frame)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            FrameCodec.Write(writer, frame);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Sends one text message (frames separated by newlines).</summary>
    public Task SendAsync(string message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>Sends one text message and reads frames until <paramref name="count"/> have come, receipts aside.</summary>
    public async Task<List<UpstreamFrame>> ExchangeAsync(string message, int count)
    {
        await SendAsync(message);
        using var deadline = new CancellationTokenSource(Eventually.DefaultTimeout);
        var frames = new List<UpstreamFrame>();
        var buffer = new byte[2 * 1024 * 1024];
        while (frames.Count < count)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(buffer.AsMemory(length), deadline.Token);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            FrameCodec.ReadAll(buffer.AsSpan(0, length), frames);
            frames.RemoveAll(frame => frame is ReceiptFrame);
        }

        return frames;
    }

    /// <summary>Reads every frame, receipts included, until the server closes the connection (or the deadline passes).</summary>
    public async Task<List<UpstreamFrame>> ReadUntilClosedAsync()
    {
        using var deadline = new CancellationTokenSource(Eventually.DefaultTimeout);
        var frames = new List<UpstreamFrame>();
        var buffer = new byte[2 * 1024 * 1024];
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(buffer.AsMemory(length), deadline.Token);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return frames;
            }

            FrameCodec.ReadAll(buffer.AsSpan(0, length), frames);
        }
    }

    /// <summary>Reads frames, receipts included, until <paramref name="done"/> holds for what has come.</summary>
    public async Task<List<UpstreamFrame>> ReceiveUntilAsync(Func<List<UpstreamFrame>, bool> done)
    {
        using var deadline = new CancellationTokenSource(Eventually.DefaultTimeout);
        var frames = new List<UpstreamFrame>();
        var buffer = new byte[2 * 1024 * 1024];
        while (!done(frames))
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(buffer.AsMemory(length), deadline.Token);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            FrameCodec.ReadAll(buffer.AsSpan(0, length), frames);
        }

        return frames;
    }

    /// <summary>Drops the connection without a close handshake, as a crashed client would.</summary>
    public void Abort() => _socket.Abort();

    public void Dispose() => _socket.Dispose();
}
