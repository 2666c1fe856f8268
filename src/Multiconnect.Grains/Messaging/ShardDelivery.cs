using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;
using Multiconnect.Grains.Telemetry;
using Multiconnect.Persistence;
using Multiconnect.Upstream;
using Multiconnect.Upstream.Client;
using Multiconnect.Upstream.Frames;

namespace Multiconnect.Grains.Messaging;

/// <summary>
/// Delivers one shard activation's messages over its upstream session, carrying its epoch: in
/// accepted order, pipelined (up to a window of sends in flight), everything not yet acknowledged
/// sent again after a reconnect (the upstream de-duplicates by id). Acknowledged ids are marked sent
/// in batches. Receipts and inbound messages that come back are stored as callbacks, and inbound
/// ones acknowledged upstream only once stored. Runs beside the grain, on the thread pool.
/// </summary>
internal sealed partial class ShardDelivery : IAsyncDisposable
{
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(5);

    private readonly int _shardId;
    private readonly long _epoch;
    private readonly ShardOptions _options;
    private readonly IMessageLog _log;
    private readonly ICallbackStore _callbacks;
    private readonly Func<Task<ShardMapView>> _readMap;
    private readonly ILogger _logger;
    private readonly ShardTally _tally;
    private readonly Channel<PendingMessage> _incoming = Channel.CreateUnbounded<PendingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<string> _sent = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly LinkedList<PendingMessage> _resend = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _delivering;
    private readonly Task _marking;
    private UpstreamSession? _session;
    private int _backlog;

    public ShardDelivery(
        int shardId, long epoch, ShardOptions options, IMessageLog log, ICallbackStore callbacks,
        Func<Task<ShardMapView>> readMap, IReadOnlyList<PendingMessage> pending, ShardTally tally, ILogger logger)
    {
        (_shardId, _epoch, _options, _log, _callbacks, _readMap, _tally, _logger) = (shardId, epoch, options, log, callbacks, readMap, tally, logger);
        Enqueue(pending);
        _delivering = Task.Run(DeliverAsync);
        _marking = Task.Run(MarkSentAsync);
    }

    /// <summary>Messages accepted but not yet acknowledged by the upstream.</summary>
    public int Backlog => Volatile.Read(ref _backlog);

    /// <summary>The upstream refused this epoch: a newer activation owns the shard.</summary>
    public bool Fenced { get; private set; }

    /// <summary>Tells the upstream an inbound message was read; false when there is no session right now.</summary>
    public bool MarkRead(string inboundId) => _session is { } session && session.MarkRead(inboundId);

    /// <summary>Takes newly committed messages, in accepted order.</summary>
    public void Enqueue(IReadOnlyList<PendingMessage> messages)
    {
        Interlocked.Add(ref _backlog, messages.Count);
        foreach (var message in messages)
        {
            _incoming.Writer.TryWrite(message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            _session?.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The session was closed and disposed meanwhile.
        }

        await _delivering;
        _sent.Writer.TryComplete();
        await _marking;
        _stop.Dispose();
    }

    private async Task DeliverAsync()
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!_stop.IsCancellationRequested && !Fenced)
        {
            var (session, map) = await ConnectAsync();
            if (session is null)
            {
                await Pause(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
                continue;
            }

            delay = TimeSpan.FromMilliseconds(200);
            _session = session;
            var events = Task.Run(() => HandleEventsAsync(session));
            var watch = Task.Run(() => WatchMapAsync(session, map!));
            try
            {
                await SendAsync(session);
            }
            catch (Exception e) when (e is UpstreamSessionClosedException or OperationCanceledException)
            {
                LogSessionEnded(_logger, _shardId, _epoch, e.Message);
            }
            finally
            {
                _session = null;
                await session.DisposeAsync();
                await events;
                await watch;
            }
        }
    }

    private async Task<(UpstreamSession? Session, ShardMapView? Map)> ConnectAsync()
    {
        try
        {
            var map = await _readMap();
            if (_options.UpstreamUrl is null || map.Account is not { } account)
            {
                return (null, null); // Not configured, or no business number registered yet: messages wait in the log.
            }

            var session = await UpstreamSession.ConnectAsync(new UpstreamSessionOptions
            {
                Endpoint = UpstreamSessionOptions.EndpointFor(_options.UpstreamUrl),
                Cc = account.Cc,
                Phone = account.PhoneNumber,
                Shard = _shardId,
                Shards = map.Shards,
                Epoch = _epoch,
                Certificate = account.Certificate,
                Window = _options.Window,
                ClientName = $"shard-{_shardId}",
            }, _stop.Token);
            LogConnected(_logger, _shardId, _epoch);
            return (session, map);
        }
        catch (UpstreamRefusedException e) when (e.Reason == RefusalReasons.Fenced)
        {
            LogFenced(_logger, _shardId, _epoch, e.Message);
            Fenced = true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            LogConnectFailed(_logger, _shardId, e.Message);
        }

        return (null, null);
    }

    /// <summary>
    /// A session announces the shard count and the business number it was opened with: when either
    /// changes, it is closed, and the next one is opened with the new ones.
    /// </summary>
    private async Task WatchMapAsync(UpstreamSession session, ShardMapView openedWith)
    {
        try
        {
            while (await Task.WhenAny(session.Completion, Task.Delay(TimeSpan.FromSeconds(2), _stop.Token)) != session.Completion)
            {
                var map = await _readMap();
                if (map.Shards != openedWith.Shards || map.Account != openedWith.Account)
                {
                    LogMapChanged(_logger, _shardId);
                    session.Abort();
                    return;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || _stop.IsCancellationRequested)
        {
            // Stopping, or the master is moving: the next session reads the map again anyway.
        }
    }

    /// <summary>Keeps up to a window of sends in flight; answers arrive in send order.</summary>
    private async Task SendAsync(UpstreamSession session)
    {
        var inflight = new Queue<(PendingMessage Message, Task<SendResult> Answer)>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                while (inflight.Count < _options.Window && TryNext(out var next))
                {
                    try
                    {
                        inflight.Enqueue((next, await session.QueueAsync(new OutboundMessage(next.Id, next.Recipient, next.Body), _stop.Token)));
                    }
                    catch
                    {
                        _resend.AddFirst(next);
                        throw;
                    }
                }

                if (inflight.Count == 0)
                {
                    // Idle: wake for new messages, or reconnect as soon as the session ends.
                    var ended = await Task.WhenAny(_incoming.Reader.WaitToReadAsync(_stop.Token).AsTask(), session.Completion) == session.Completion;
                    if (ended)
                    {
                        throw new UpstreamSessionClosedException($"The session ended ({session.Completion.Result.Reason}).");
                    }

                    continue;
                }

                var result = await inflight.Peek().Answer;
                var (message, _) = inflight.Dequeue();
                if (result.Accepted)
                {
                    Interlocked.Decrement(ref _backlog);
                    _tally.OnSent();
                    _sent.Writer.TryWrite(message.Id);
                }
                else if (result.IsFenced)
                {
                    LogFenced(_logger, _shardId, _epoch, result.Detail ?? "");
                    Fenced = true;
                    return;
                }
                else
                {
                    // Refused for what it is (not for who sent it): it can never be delivered.
                    LogRefused(_logger, _shardId, message.Id, result.Reason ?? "", result.Detail ?? "");
                    Interlocked.Decrement(ref _backlog);
                    _sent.Writer.TryWrite(message.Id);
                }
            }
        }
        finally
        {
            // Whatever was not acknowledged goes first, in order, on the next session.
            foreach (var (message, _) in inflight.Reverse())
            {
                _resend.AddFirst(message);
            }
        }
    }

    private bool TryNext(out PendingMessage message)
    {
        if (_resend.First is { } first)
        {
            message = first.Value;
            _resend.RemoveFirst();
            return true;
        }

        return _incoming.Reader.TryRead(out message!);
    }

    private async Task HandleEventsAsync(UpstreamSession session)
    {
        var statuses = new List<StatusUpdate>();
        try
        {
            while (await session.Events.WaitToReadAsync(_stop.Token))
            {
                while (session.Events.TryRead(out var frame))
                {
                    switch (frame)
                    {
                        case ReceiptFrame receipt:
                            statuses.Add(new StatusUpdate(receipt.Id, receipt.Recipient, receipt.Status, receipt.Timestamp));
                            if (receipt.Status == ReceiptStatus.Delivered)
                            {
                                _tally.OnDelivered();
                            }

                            break;
                        case InboundFrame inbound:
                            await _callbacks.RecordInboundAsync(_shardId, new InboundMessage(inbound.Id, inbound.From, inbound.Body, inbound.Timestamp), _stop.Token);
                            session.AckInbound(inbound.Id);
                            break;
                    }
                }

                if (statuses.Count > 0)
                {
                    await _callbacks.RecordStatusesAsync(statuses, _stop.Token);
                    statuses.Clear();
                }
            }
        }
        catch (Exception e)
        {
            // Unstored receipts are lost with the session; unacknowledged inbound messages come again.
            LogEventsStopped(_logger, _shardId, e.Message);
        }
    }

    private async Task MarkSentAsync()
    {
        var ids = new List<string>();
        while (await _sent.Reader.WaitToReadAsync())
        {
            while (ids.Count < 5_000 && _sent.Reader.TryRead(out var id))
            {
                ids.Add(id);
            }

            try
            {
                await _log.MarkSentAsync(ids, CancellationToken.None);
                ids.Clear();
            }
            catch (Exception e)
            {
                // Kept and tried again; if this activation dies first, they are sent again (and de-duplicated upstream).
                LogMarkSentFailed(_logger, _shardId, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private async Task Pause(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId} (epoch {Epoch}) connected upstream")]
    private static partial void LogConnected(ILogger logger, int shardId, long epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: the shard count or the business number changed; reopening the upstream session")]
    private static partial void LogMapChanged(ILogger logger, int shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId} cannot connect upstream: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, int shardId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId} (epoch {Epoch}): the upstream session ended: {Reason}")]
    private static partial void LogSessionEnded(ILogger logger, int shardId, long epoch, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: the upstream fenced epoch {Epoch} out ({Detail}); this activation stops sending")]
    private static partial void LogFenced(ILogger logger, int shardId, long epoch, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shard {ShardId}: the upstream refused message {Id} ({Reason}: {Detail})")]
    private static partial void LogRefused(ILogger logger, int shardId, string id, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: stopped storing receipts and inbound messages: {Reason}")]
    private static partial void LogEventsStopped(ILogger logger, int shardId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: could not mark messages sent: {Reason}")]
    private static partial void LogMarkSentFailed(ILogger logger, int shardId, string reason);
}
