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
/// once everything queued before has been written. No message written is larger than
/// <paramref name="maxMessageBytes"/>; a peer that lets more than <paramref name="maxQueuedFrames"/> frames pile up
/// unread is disconnected (the queue is completed) instead of being buffered without bound.
/// </summary>
public sealed class FrameConnection(WebSocket socket, int maxMessageBytes = UpstreamProtocol.MaxMessageBytes, int maxQueuedFrames = FrameConnection.DefaultMaxQueuedFrames)
{
    /// <summary>Default bound of the outbox, in frames (some tens of megabytes at most).</summary>
    public const int DefaultMaxQueuedFrames = 200_000;

    /// <summary>The close description of a connection whose peer read too slowly.</summary>
    public const string OverflowDescription = "outbox_overflow";

    private const int FlushAtBytes = 64 * 1024;
    private const int ReceiveChunkBytes = 16 * 1024;

    private readonly Channel<UpstreamFrame> _outbox = Channel.CreateUnbounded<UpstreamFrame>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string? _closeDescription;
    private int _queued;

    public WebSocket Socket { get; } = socket;

    /// <summary>Queues a frame; false once the connection is closing, or when the queue overflowed (the connection then closes).</summary>
    public bool TrySend(UpstreamFrame frame)
    {
        if (Interlocked.Increment(ref _queued) > maxQueuedFrames)
        {
            Interlocked.Decrement(ref _queued);
            Overflowed = true;
            if (_outbox.Writer.TryComplete())
            {
                (_closeStatus, _closeDescription) = (WebSocketCloseStatus.PolicyViolation, OverflowDescription);
            }

            return false;
        }

        if (_outbox.Writer.TryWrite(frame))
        {
            return true;
        }

        Interlocked.Decrement(ref _queued);
        return false;
    }

    /// <summary>Whether the peer let more than the allowed frames pile up, so that the connection was closed.</summary>
    public bool Overflowed { get; private set; }

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
        byte[]? carried = null;
        while (carried is not null || await frames.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            buffer.ResetWrittenCount();
            if (carried is not null)
            {
                buffer.Write(carried);
                carried = null;
            }

            while (buffer.WrittenCount < FlushAtBytes && frames.TryRead(out var frame))
            {
                Interlocked.Decrement(ref _queued);
                var mark = buffer.WrittenCount;
                if (mark > 0)
                {
                    buffer.GetSpan(1)[0] = UpstreamProtocol.FrameSeparator;
                    buffer.Advance(1);
                }

                json.Reset(buffer);
                FrameCodec.Write(json, frame);
                json.Flush();
                if (buffer.WrittenCount > maxMessageBytes)
                {
                    if (mark == 0)
                    {
                        throw new UpstreamProtocolException($"A '{frame.GetType().Name}' frame is larger than {maxMessageBytes} bytes.");
                    }

                    // This frame would make the message too large: it starts the next one.
                    carried = buffer.WrittenSpan[(mark + 1)..].ToArray();
                    await Socket.SendAsync(buffer.WrittenMemory[..mark], WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
                    buffer.ResetWrittenCount();
                    break;
                }
            }

            if (buffer.WrittenCount > 0)
            {
                await Socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
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
                    if (length > maxMessageBytes)
                    {
                        throw new UpstreamProtocolException($"A message is larger than {maxMessageBytes} bytes.");
                    }
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

    /// <summary>Room for at least one more chunk: a message of exactly the maximum size fits, and one byte more is seen.</summary>
    private byte[] Grow(byte[] buffer, int length)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxMessageBytes + ReceiveChunkBytes));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
