using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Multiconnect.Upstream.Frames;

namespace Multiconnect.Upstream.Transport;

/// <summary>
/// Frames over one WebSocket, used by both ends. Frames to send are queued and written by one
/// writer loop that packs everything queued into one text message; the reader loop hands every
/// received message's frames over as one batch. Completing the queue closes our side of the socket
/// once everything queued before has been written.
/// </summary>
public sealed class FrameConnection(WebSocket socket, int maxMessageBytes = UpstreamProtocol.MaxMessageBytes)
{
    private const int FlushAtBytes = 64 * 1024;
    private const int ReceiveChunkBytes = 16 * 1024;

    private readonly Channel<UpstreamFrame> _outbox = Channel.CreateUnbounded<UpstreamFrame>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string? _closeDescription;

    public WebSocket Socket { get; } = socket;

    /// <summary>Queues a frame; false once the connection is closing.</summary>
    public bool TrySend(UpstreamFrame frame) => _outbox.Writer.TryWrite(frame);

    /// <summary>Queues <paramref name="last"/>, if any, then closes our side once the queue is written.</summary>
    public void Complete(UpstreamFrame? last = null, WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string? description = null)
    {
        if (last is not null && _outbox.Writer.TryWrite(last))
        {
            (_closeStatus, _closeDescription) = (status, description);
        }

        _outbox.Writer.TryComplete();
    }

    public bool IsCompleted => _outbox.Reader.Completion.IsCompleted;

    public async Task RunWriterAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(FlushAtBytes + ReceiveChunkBytes);
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        var frames = _outbox.Reader;
        while (await frames.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            buffer.ResetWrittenCount();
            while (buffer.WrittenCount < FlushAtBytes && frames.TryRead(out var frame))
            {
                if (buffer.WrittenCount > 0)
                {
                    buffer.GetSpan(1)[0] = UpstreamProtocol.FrameSeparator;
                    buffer.Advance(1);
                }

                json.Reset(buffer);
                FrameCodec.Write(json, frame);
                json.Flush();
            }

            await Socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }

        if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await Socket.CloseOutputAsync(_closeStatus, _closeDescription, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads messages until the peer closes, handing each message's frames to <paramref name="onFrames"/>
    /// (the list is reused: copy what you keep). Throws <see cref="UpstreamProtocolException"/> on a bad message.
    /// </summary>
    public async Task RunReaderAsync(Func<List<UpstreamFrame>, ValueTask> onFrames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onFrames);
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveChunkBytes * 4);
        var frames = new List<UpstreamFrame>();
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (buffer.Length - length < ReceiveChunkBytes)
                    {
                        buffer = Grow(buffer, length);
                    }

                    result = await Socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (result.MessageType != WebSocketMessageType.Text)
                {
                    throw new UpstreamProtocolException("Frames travel in text messages, not binary ones.");
                }

                frames.Clear();
                FrameCodec.ReadAll(buffer.AsSpan(0, length), frames);
                await onFrames(frames).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private byte[] Grow(byte[] buffer, int length)
    {
        if (buffer.Length >= maxMessageBytes)
        {
            throw new UpstreamProtocolException($"A message is larger than {maxMessageBytes} bytes.");
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxMessageBytes + ReceiveChunkBytes));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
