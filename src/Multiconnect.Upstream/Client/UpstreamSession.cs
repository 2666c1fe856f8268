using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;
using Multiconnect.Upstream.Frames;
using Multiconnect.Upstream.Transport;

namespace Multiconnect.Upstream.Client;

/// <summary>
/// A shard's session with the upstream. Sends are pipelined: up to <see cref="UpstreamSessionOptions.Window"/>
/// are in flight, and the server answers them in the order they were sent. Receipts and inbound
/// messages arrive on <see cref="Events"/>, which the owner must keep reading; inbound messages are
/// delivered again until <see cref="AckInbound"/> is called for them.
/// </summary>
public sealed class UpstreamSession : IAsyncDisposable
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly UpstreamSessionOptions _options;
    private readonly ClientWebSocket _socket;
    private readonly FrameConnection _connection;
    private readonly SemaphoreSlim _window;
    private readonly ConcurrentQueue<PendingSend> _pending = new();
    private readonly Lock _sendOrder = new();
    /// <summary>
    /// Bounded: while the owner cannot keep up (its database is slow or away), the reader stops reading
    /// the socket, and the server is held back, rather than the events piling up in memory.
    /// </summary>
    private readonly Channel<UpstreamFrame> _events = Channel.CreateBounded<UpstreamFrame>(new BoundedChannelOptions(EventCapacity) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly TaskCompletionSource<WelcomeFrame> _welcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SessionEnd> _end = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _abort = new();
    private Task _run = Task.CompletedTask;
    private SessionEnd? _closing;
    private SessionEnd? _ended;
    private volatile bool _disposing;
    private int _disposed;

    private UpstreamSession(UpstreamSessionOptions options, ClientWebSocket socket)
    {
        _options = options;
        _socket = socket;
        _connection = new FrameConnection(socket);
        _window = new SemaphoreSlim(options.Window, int.MaxValue);
    }

    /// <summary>The server's welcome: the session id, and the per-session cap it applies.</summary>
    public WelcomeFrame Welcome { get; private set; } = null!;

    public long Epoch => _options.Epoch;

    public int Shard => _options.Shard;

    /// <summary>Receipts (<see cref="ReceiptFrame"/>) and inbound messages (<see cref="InboundFrame"/>), in arrival order.</summary>
    public ChannelReader<UpstreamFrame> Events => _events.Reader;

    /// <summary>Completes when the session has ended, with the server's reason when it gave one.</summary>
    public Task<SessionEnd> Completion => _end.Task;

    /// <summary>Opens a session; throws <see cref="UpstreamRefusedException"/> when the server refuses it.</summary>
    public static async Task<UpstreamSession> ConnectAsync(UpstreamSessionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = options.KeepAliveInterval;
        if (options.KeepAliveInterval > TimeSpan.Zero)
        {
            socket.Options.KeepAliveTimeout = options.EffectiveKeepAliveTimeout;
        }
        var session = new UpstreamSession(options, socket);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            await socket.ConnectAsync(options.Endpoint, timeout.Token).ConfigureAwait(false);
            session._run = session.RunAsync();
            session._connection.TrySend(new HelloFrame(
                UpstreamProtocol.Version, options.Cc, options.Phone, options.Shard, options.Shards.Value, options.Epoch, options.Certificate, options.ClientName, options.Generation));
            session.Welcome = await session._welcome.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Waits for room in the window, sends, and returns the task of the server's answer. Calls made
    /// one after another reach the server in that order.
    /// </summary>
    public async ValueTask<Task<SendResult>> QueueAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
        var pending = new PendingSend(message.Id);
        lock (_sendOrder)
        {
            if (_ended is not null)
            {
                throw new UpstreamSessionClosedException($"The session has ended ({_ended.Reason}: {_ended.Detail}).");
            }

            // Pending first: the answer can arrive before TrySend returns.
            _pending.Enqueue(pending);
            _connection.TrySend(new SendFrame(message.Id, message.To, message.Body, _options.Epoch, message.Shards, message.Generation, message.Type));
        }

        return pending.Answer.Task;
    }

    /// <summary>Sends one message and waits for the server's answer.</summary>
    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default) =>
        await (await QueueAsync(message, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>Tells the server an inbound message is safely stored, so it stops delivering it.</summary>
    public bool AckInbound(string id) => _connection.TrySend(new InboundAckFrame(id));

    /// <summary>Marks an inbound message read (the sender sees it read); false once the session is closing.</summary>
    public bool MarkRead(string id) => _connection.TrySend(new ReadFrame(id));

    /// <summary>Drops the connection without a close handshake, as a crashed process would.</summary>
    public void Abort()
    {
        _disposing = true;
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        try
        {
            _socket.Abort();
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed meanwhile: nothing is left to abort.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _disposing = true;
        _connection.Complete();
        try
        {
            await _run.WaitAsync(CloseTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _socket.Abort();
            await _abort.CancelAsync().ConfigureAwait(false);
            await _run.ConfigureAwait(false);
        }

        _socket.Dispose();
        _abort.Dispose();
    }

    private async Task RunAsync()
    {
        var writer = _connection.RunWriterAsync(_abort.Token);
        SessionEnd? end = null;
        try
        {
            await _connection.RunReaderAsync(OnFramesAsync, _abort.Token).ConfigureAwait(false);
            end = _closing ?? new SessionEnd(SessionEnd.Disconnected, "the server closed the socket");
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or UpstreamProtocolException or IOException)
        {
            end = _closing ?? new SessionEnd(_disposing ? SessionEnd.ClosedByClient : SessionEnd.Disconnected, e.Message);
        }
        catch (Exception e)
        {
            // Unexpected, but the session is over all the same: pending sends and Completion must not hang.
            end = _closing ?? new SessionEnd(SessionEnd.Disconnected, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            Finish(end ?? _closing ?? new SessionEnd(SessionEnd.Disconnected, "the session ended unexpectedly"));
        }

        _connection.Complete();
        try
        {
            await writer.WaitAsync(CloseTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException or IOException or ObjectDisposedException)
        {
            // The socket is gone; nothing more to write.
        }
    }

    /// <summary>Receipts and inbound messages a session queues for its owner before it stops reading the socket.</summary>
    public const int EventCapacity = 10_000;

    private async ValueTask OnFramesAsync(List<UpstreamFrame> frames)
    {
        foreach (var frame in frames)
        {
            switch (frame)
            {
                case AckFrame ack:
                    Answer(ack.Id, new SendResult(ack.Id, true, ack.Duplicate, ack.ServerTime, null, null));
                    break;
                case NackFrame nack:
                    Answer(nack.Id, new SendResult(nack.Id, false, false, 0, nack.Reason, nack.Detail));
                    break;
                case ReceiptFrame or InboundFrame:
                    if (!_events.Writer.TryWrite(frame))
                    {
                        await _events.Writer.WriteAsync(frame, _abort.Token).ConfigureAwait(false);
                    }

                    break;
                case WelcomeFrame welcome:
                    _welcome.TrySetResult(welcome);
                    break;
                case RefusedFrame refused:
                    _closing = new SessionEnd(refused.Reason, refused.Detail);
                    _welcome.TrySetException(new UpstreamRefusedException(refused.Reason, refused.Detail, refused.HighestEpoch));
                    break;
                case ClosingFrame closing:
                    _closing = new SessionEnd(closing.Reason, closing.Detail);
                    break;
                default:
                    throw new UpstreamProtocolException($"A server does not send '{frame.GetType().Name}' frames.");
            }
        }
    }

    private void Answer(string id, SendResult result)
    {
        if (!_pending.TryDequeue(out var pending) || pending.Id != id)
        {
            throw new UpstreamProtocolException($"The server answered send '{id}', which is not the oldest one pending.");
        }

        pending.Answer.TrySetResult(result);
        _window.Release();
    }

    private void Finish(SessionEnd end)
    {
        lock (_sendOrder)
        {
            _ended = end;
            _end.TrySetResult(end);
        }

        while (_pending.TryDequeue(out var pending))
        {
            pending.Answer.TrySetException(new UpstreamSessionClosedException($"The session ended ({end.Reason}: {end.Detail}) before send '{pending.Id}' was answered."));
        }

        // Wake everyone waiting for room in the window; they find the session ended.
        _window.Release(1 << 20);
        _welcome.TrySetException(new UpstreamSessionClosedException($"The session ended before the server welcomed it ({end.Reason}: {end.Detail})."));
        _events.Writer.TryComplete();
    }

    private sealed class PendingSend(string id)
    {
        public string Id { get; } = id;

        public TaskCompletionSource<SendResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
