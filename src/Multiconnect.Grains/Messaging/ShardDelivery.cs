using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Messaging;
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
/// What to send, and in which order, is the <see cref="SendOrder"/>'s: after a change of the shard
/// count, messages for recipients this shard gained wait there until the shards that had them have
/// delivered what they accepted earlier (a loop here asks the log every 100 ms while any wait).
/// The delivery loop alone opens, uses and closes the upstream session and decides that the shard is
/// fenced; the grain only tells it that the map changed (it then reopens the session) and stops it.
/// The events loop retries a failed write with back-off, reading no further meanwhile (the session's
/// bounded queue of events then holds the upstream back); if the database stays away for
/// <see cref="ShardOptions.StoreEventsFor"/>, it aborts the session, keeping the receipts it holds.
/// A message the upstream refuses for what it holds becomes a <c>failed</c> status, never "sent".
/// </summary>
internal sealed partial class ShardDelivery : IAsyncDisposable
{
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(5);

    private readonly int _shardId;
    private readonly long _epoch;
    private readonly ShardOptions _options;
    private readonly IMessageLog _log;
    private readonly ICallbackStore _callbacks;
    private readonly ILogger _logger;
    private readonly ShardTally _tally;
    private readonly ShardMedia _media;
    private readonly Channel<string> _sent = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly SendOrder _order = new();
    private readonly SemaphoreSlim _held = new(0);

    /// <summary>Statuses not stored yet, kept across sessions: owned by the events loop (one session's at a time).</summary>
    private readonly List<StatusUpdate> _unstored = [];
    private readonly Task _delivering;
    private readonly Task _marking;
    private readonly Task _releasing;
    private ShardMapView _map;
    private TaskCompletionSource _mapChanged = NewSignal();
    private UpstreamSession? _session;
    private string _upstream = UpstreamStatus.Connecting;

    /// <summary>
    /// Starts delivering <paramref name="pending"/> (the log's unsent rows) under <paramref name="map"/>;
    /// the messages of <paramref name="blocked"/> buckets wait until released.
    /// </summary>
    public ShardDelivery(
        int shardId, long epoch, ShardOptions options, IMessageLog log, ICallbackStore callbacks,
        ShardMapView map, IReadOnlyCollection<int> blocked, IReadOnlyList<PendingMessage> pending, ShardTally tally, ShardMedia media, ILogger logger)
    {
        (_shardId, _epoch, _options, _log, _callbacks, _map, _tally, _media, _logger) = (shardId, epoch, options, log, callbacks, map, tally, media, logger);
        Hold(blocked);
        Enqueue(pending);
        _delivering = Task.Run(DeliverAsync);
        _marking = Task.Run(MarkSentAsync);
        _releasing = Task.Run(ReleaseAsync);
    }

    /// <summary>Messages accepted but not yet acknowledged by the upstream.</summary>
    public int Backlog => _order.Backlog;

    /// <summary>The upstream refused this epoch: a newer activation owns the shard.</summary>
    public bool Fenced { get; private set; }

    /// <summary>The session's state (<see cref="UpstreamStatus"/>), written by the delivering loop only.</summary>
    public string Upstream { get => Volatile.Read(ref _upstream); private set => Volatile.Write(ref _upstream, value); }

    /// <summary>Tells the upstream an inbound message was read (on the open session, whose sends are thread-safe); false when there is no session right now.</summary>
    public bool MarkRead(string inboundId) => _session is { } session && session.MarkRead(inboundId);

    /// <summary>Buckets held now, and the messages waiting for them.</summary>
    public (int Buckets, int Messages) Held => _order.Held;

    /// <summary>Takes newly committed messages, in accepted order.</summary>
    public void Enqueue(IReadOnlyList<PendingMessage> messages) => _order.Add(messages);

    /// <summary>Holds the messages for <paramref name="buckets"/> (gained from shards that still have earlier ones to deliver) until released.</summary>
    public void Hold(IReadOnlyCollection<int> buckets)
    {
        if (buckets.Count == 0)
        {
            return;
        }

        _order.Hold(buckets);
        var generation = Volatile.Read(ref _map).Generation;
        LogHolding(_logger, _shardId, buckets.Count, generation);
        _held.Release();
    }

    /// <summary>
    /// The shard map changed: a session announces the count and generation it was opened under and the
    /// business number, so the one open now is closed and the next one opens with the new map.
    /// </summary>
    public void MapChanged(ShardMapView map)
    {
        Volatile.Write(ref _map, map);
        Interlocked.Exchange(ref _mapChanged, NewSignal()).TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Ended(_delivering);
        await Ended(_releasing);
        await StoreLastStatusesAsync();
        _sent.Writer.TryComplete();
        await _marking;
        _stop.Dispose();
        _held.Dispose();
    }

    /// <summary>Receipts still unstored when the activation stops get one more try; if it fails, they are lost, and the log says how many.</summary>
    private async Task StoreLastStatusesAsync()
    {
        if (_unstored.Count == 0)
        {
            return;
        }

        try
        {
            await _callbacks.RecordStatusesAsync(_unstored, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogStatusesLost(_logger, _shardId, _unstored.Count, e.Message);
        }
    }

    /// <summary>A loop's end: cancelled by the stop, or failed (already logged where it could be); stopping goes on either way.</summary>
    private async Task Ended(Task loop)
    {
        try
        {
            await loop;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogLoopEnded(_logger, _shardId, e.Message);
        }
    }

    private async Task DeliverAsync()
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!_stop.IsCancellationRequested && !Fenced)
        {
            // Read before the map the session opens with: a change from here on ends the session.
            var mapChanged = Volatile.Read(ref _mapChanged).Task;
            var map = Volatile.Read(ref _map);
            if (await ConnectAsync(map) is not { } session)
            {
                await Task.WhenAny(Pause(delay), mapChanged); // a new map (the account named, say) is worth trying at once
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
                continue;
            }

            delay = TimeSpan.FromMilliseconds(200);
            _session = session;
            _media.Forget();
            Upstream = UpstreamStatus.Connected;
            var events = Task.Run(() => HandleEventsAsync(session, map.Account!));
            try
            {
                await SendAsync(session, map, mapChanged);
            }
            catch (Exception e) when (e is UpstreamSessionClosedException or OperationCanceledException)
            {
                LogSessionEnded(_logger, _shardId, _epoch, e.Message);
            }
            finally
            {
                _session = null;
                Upstream = UpstreamStatus.Connecting;
                await session.DisposeAsync();
                await events;
            }
        }
    }

    private async Task<UpstreamSession?> ConnectAsync(ShardMapView map)
    {
        try
        {
            if (_options.UpstreamUrl is null || map.Account is not { } account)
            {
                // Not configured, or no business number registered yet: messages wait in the log.
                Upstream = _options.UpstreamUrl is null ? UpstreamStatus.Disconnected : UpstreamStatus.Unregistered;
                return null;
            }

            // An account the upstream refused stays refused while we try again: a send in between would be
            // accepted for a number that is logged out (or blocked). Only a session taken clears it.
            if (!UpstreamStatus.IsAccountRefused(Upstream))
            {
                Upstream = UpstreamStatus.Connecting;
            }

            var session = await UpstreamSession.ConnectAsync(new UpstreamSessionOptions
            {
                Endpoint = UpstreamSessionOptions.EndpointFor(_options.UpstreamUrl),
                Cc = account.Cc,
                Phone = account.PhoneNumber,
                Shard = _shardId,
                Shards = SessionShards(map),
                Generation = map.Generation,
                Epoch = _epoch,
                Certificate = account.Certificate,
                Window = _options.Window,
                ClientName = $"shard-{_shardId}",
            }, _stop.Token);
            LogConnected(_logger, _shardId, _epoch);
            return session;
        }
        catch (UpstreamRefusedException e) when (e.Reason == RefusalReasons.Fenced)
        {
            LogFenced(_logger, _shardId, _epoch, e.Message);
            Fenced = true;
        }
        catch (UpstreamRefusedException e) when (e.Reason is RefusalReasons.LoggedOut or RefusalReasons.Blocked)
        {
            // The upstream refuses the account itself: sends are refused (ShardGrain) until it takes sessions again.
            Upstream = e.Reason == RefusalReasons.Blocked ? UpstreamStatus.Blocked : UpstreamStatus.LoggedOut;
            LogAccountRefused(_logger, _shardId, e.Reason, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            LogConnectFailed(_logger, _shardId, e.Message);
        }

        return null;
    }

    /// <summary>
    /// The count a session announces: the map's, or for a shard beyond it (draining what it accepted
    /// earlier) the smallest count that has it. Under that count the shard has the same recipients as
    /// under any larger one it accepted them by: bucket % larger = shard implies bucket % smaller = shard.
    /// </summary>
    private ShardCount SessionShards(ShardMapView map) =>
        _shardId < map.Shards.Value ? map.Shards : ShardCount.From((int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)_shardId + 1));

    /// <summary>
    /// Keeps up to a window of sends in flight; answers arrive in send order. Returns when the shard is
    /// fenced, or when the map changed (<paramref name="mapChanged"/>): the caller then closes the session
    /// and opens one with the new map, and what was not acknowledged goes again first.
    /// A message goes only over a session of the number it was accepted for: one accepted before the
    /// number changed fails, and once the number has changed after <paramref name="opened"/>, this session
    /// (the old number's) sends nothing more.
    /// </summary>
    private async Task SendAsync(UpstreamSession session, ShardMapView opened, Task mapChanged)
    {
        var inflight = new Queue<(PendingMessage Message, Task<SendResult> Answer)>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                while (inflight.Count < _options.Window && _order.TryTake(out var next))
                {
                    var current = Volatile.Read(ref _map);
                    if (next.Generation < current.NumberSince)
                    {
                        await FailAsync(next, StatusErrors.NumberChanged,
                            $"accepted before +{current.Account?.Number} was registered in place of the number it was sent for");
                        _order.Done();
                        continue;
                    }

                    if (next.ExpiresAt is { } expiresAt && expiresAt <= DateTimeOffset.UtcNow)
                    {
                        await FailAsync(next, StatusErrors.Expired, $"not sent within its ttl, which ended at {expiresAt:yyyy-MM-dd'T'HH:mm:ss'Z'}");
                        _order.Done();
                        continue;
                    }

                    if (current.NumberSince > opened.Generation)
                    {
                        _order.PutBack([next]);
                        LogMapChanged(_logger, _shardId, current.Generation);
                        return;
                    }

                    try
                    {
                        if (await PutMediaAsync(next, opened.Account!, session) is { } gone)
                        {
                            await FailAsync(next, RefusalReasons.MediaMissing, gone);
                            _order.Done();
                            continue;
                        }

                        inflight.Enqueue((next, await session.QueueAsync(new OutboundMessage(next.Id, next.Recipient, next.Body, next.Shards, next.Generation, next.Type), _stop.Token)));
                    }
                    catch
                    {
                        _order.PutBack([next]);
                        throw;
                    }
                }

                if (mapChanged.IsCompleted)
                {
                    var generation = Volatile.Read(ref _map).Generation;
                    LogMapChanged(_logger, _shardId, generation);
                    return;
                }

                if (inflight.Count == 0)
                {
                    // Idle: wake for new messages or a new map, or reconnect as soon as the session ends.
                    var woke = await Task.WhenAny(_order.WhenReadyAsync().WaitAsync(_stop.Token), session.Completion, mapChanged);
                    if (woke == session.Completion)
                    {
                        throw new UpstreamSessionClosedException($"The session ended ({session.Completion.Result.Reason}).");
                    }

                    await woke; // a stop surfaces here
                    continue;
                }

                var result = await inflight.Peek().Answer.WaitAsync(_stop.Token);
                var (message, _) = inflight.Dequeue();
                if (result.Accepted)
                {
                    _order.Done();
                    _tally.OnSent();
                    _sent.Writer.TryWrite(message.Id);
                }
                else if (result.IsFenced)
                {
                    LogFenced(_logger, _shardId, _epoch, result.Detail ?? "");
                    Fenced = true;
                    return;
                }
                else if (result.EndsSession)
                {
                    // Refused for the session it came on, not for what it is: it goes first on the next one.
                    _order.PutBack([message, .. inflight.Select(sending => sending.Message)]);
                    inflight.Clear();
                    throw new UpstreamSessionClosedException($"The upstream refused a send on this session ({result.Reason}: {result.Detail}).");
                }
                else
                {
                    // Refused for what it is: it can never be delivered. The webhook hears 'failed', the log marks it refused.
                    await FailAsync(message, result.Reason ?? RefusalReasons.Invalid, result.Detail ?? "");
                    _order.Done();
                }
            }
        }
        finally
        {
            // Whatever was not acknowledged goes first, in order, on the next session.
            _order.PutBack([.. inflight.Select(sending => sending.Message)]);
        }
    }

    /// <summary>
    /// Puts the file <paramref name="message"/> names, if it names one, on the servers (<see cref="ShardMedia.PutAsync"/>), trying
    /// again with back-off while the store or the servers cannot be reached, as long as the session lives.
    /// Null when the message may go; otherwise why it never can.
    /// </summary>
    private async Task<string?> PutMediaAsync(PendingMessage message, BusinessAccount account, UpstreamSession session)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await _media.PutAsync(_options.UpstreamUrl!, account, message, _stop.Token);
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                LogMediaFailed(_logger, _shardId, message.Id, e.Message);
                if (session.Completion.IsCompleted)
                {
                    throw new UpstreamSessionClosedException($"The session ended while a file was put ({session.Completion.Result.Reason}).");
                }
            }

            await Task.Delay(delay, _stop.Token);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
        }
    }

    /// <summary>Records the refusal of <paramref name="message"/>: its failed status first (retried until stored), then the mark in the log.</summary>
    private async Task FailAsync(PendingMessage message, string reason, string detail)
    {
        LogRefused(_logger, _shardId, message.Id, reason, detail);
        _tally.OnFailed(reason);
        var failed = new StatusUpdate(message.Id, message.Recipient, "failed", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), StatusErrors.For(reason, detail, message.Type));
        await StoreAsync(() => _callbacks.RecordStatusesAsync([failed], _stop.Token), giveUp: null);
        await StoreAsync(() => _log.MarkRefusedAsync(message.Id, $"{reason}: {detail}", _stop.Token), giveUp: null);
    }

    private async Task HandleEventsAsync(UpstreamSession session, BusinessAccount account)
    {
        try
        {
            while (true)
            {
                // What is waiting goes first, before anything more is read: until it is stored, the upstream waits.
                if (_unstored.Count > 0)
                {
                    if (!await StoreAsync(() => _callbacks.RecordStatusesAsync(_unstored, _stop.Token), session))
                    {
                        break;
                    }

                    _unstored.Clear();
                }

                if (!await session.Events.WaitToReadAsync(_stop.Token))
                {
                    return;
                }

                if (!await TakeEventsAsync(session, account))
                {
                    break;
                }
            }

            // Given up: the session is aborted; the receipts it had queued are kept for the next one.
            while (session.Events.TryRead(out var frame))
            {
                if (frame is ReceiptFrame receipt)
                {
                    _unstored.Add(Status(receipt));
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Never a session that sends while nothing stores what comes back: it ends, and a new one opens.
            LogEventsFailed(_logger, _shardId, e.Message);
            session.Abort();
        }
    }

    /// <summary>Takes the events the session has queued: receipts wait in <see cref="_unstored"/>, inbound messages are stored and acknowledged one by one. False: given up.</summary>
    private async Task<bool> TakeEventsAsync(UpstreamSession session, BusinessAccount account)
    {
        while (session.Events.TryRead(out var frame))
        {
            if (frame is ReceiptFrame receipt)
            {
                _unstored.Add(Status(receipt));
                if (receipt.Status == ReceiptStatus.Delivered)
                {
                    _tally.OnDelivered();
                }
            }
            else if (frame is InboundFrame inbound)
            {
                // A user's file is fetched before the message is stored: once the webhook names it, any gateway serves it.
                if (!await StoreAsync(() => FetchMediaAsync(inbound, account), session))
                {
                    return false; // not acknowledged: the upstream delivers it again on the next session
                }

                var message = new InboundMessage(inbound.Id, inbound.From, inbound.Body, inbound.Timestamp, inbound.Name, inbound.MessageType);
                if (!await StoreAsync(() => _callbacks.RecordInboundAsync(_shardId, message, _stop.Token), session))
                {
                    return false; // not acknowledged: the upstream delivers it again on the next session
                }

                session.AckInbound(inbound.Id);
            }
        }

        return true;
    }

    /// <summary>Fetches the file of a user's media message; one that cannot be had is logged and counted, and the message is stored without it.</summary>
    private async Task FetchMediaAsync(InboundFrame inbound, BusinessAccount account)
    {
        if (await _media.FetchAsync(_options.UpstreamUrl!, account, inbound, _stop.Token) is { } problem)
        {
            LogInboundMediaUnavailable(_logger, _shardId, inbound.Id, problem);
            _tally.OnInboundMediaUnavailable();
        }
    }

    private static StatusUpdate Status(ReceiptFrame receipt) => new(
        receipt.Id, receipt.Recipient, receipt.Status, receipt.Timestamp,
        Conversation: receipt.Conversation is { } conversation
            ? new StatusConversation(conversation.Id, conversation.ExpiresAt, conversation.Origin,
                receipt.Pricing?.Billable ?? true, receipt.Pricing?.Model ?? "CBP", receipt.Pricing?.Category ?? conversation.Origin)
            : null);

    /// <summary>
    /// Retries <paramref name="write"/> with back-off (0.1 s doubling to 5 s) until it succeeds. With a
    /// session, gives up after <see cref="ShardOptions.StoreEventsFor"/> or once the session has ended:
    /// aborts it (a new one is opened) and answers false. Without one, retries until stopped.
    /// </summary>
    private async Task<bool> StoreAsync(Func<Task> write, UpstreamSession? giveUp)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        var since = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                await write();
                return true;
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                LogStoreFailed(_logger, _shardId, e.Message);
                if (giveUp is not null && (giveUp.Completion.IsCompleted || Stopwatch.GetElapsedTime(since) >= _options.StoreEventsFor))
                {
                    LogSessionAbandoned(_logger, _shardId, _options.StoreEventsFor);
                    giveUp.Abort();
                    return false;
                }
            }

            await Task.Delay(delay, _stop.Token);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
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

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>While buckets are held, asks the log every so often which may go, and releases them.</summary>
    private async Task ReleaseAsync()
    {
        var every = TimeSpan.FromMilliseconds(100);
        while (!_stop.IsCancellationRequested)
        {
            await _held.WaitAsync(_stop.Token);
            while (_held.Wait(0))
            {
                // One pass serves every hold made meanwhile.
            }

            var holdingSince = Stopwatch.GetTimestamp();
            while (!_stop.IsCancellationRequested)
            {
                var held = _order.HeldBuckets();
                if (held.Length == 0)
                {
                    _tally.OnHandoverEnded(Stopwatch.GetElapsedTime(holdingSince));
                    break;
                }

                try
                {
                    Release(held, await _log.BlockedBucketsAsync(_shardId, Volatile.Read(ref _map).Generation, held, _stop.Token));
                }
                catch (Exception e) when (!_stop.IsCancellationRequested)
                {
                    LogReleaseCheckFailed(_logger, _shardId, e.Message);
                }

                await Pause(every);
            }
        }
    }

    /// <summary>Lets go, in order, the held messages that nothing older elsewhere waits for (<paramref name="oldestElsewhere"/>: per bucket).</summary>
    private void Release(int[] held, IReadOnlyDictionary<int, long> oldestElsewhere)
    {
        var (buckets, released) = _order.Release(held, oldestElsewhere);
        if (buckets > 0 || released > 0)
        {
            _tally.OnReleased(buckets, released);
            LogReleased(_logger, _shardId, buckets, released);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: the upstream refuses the account ({Reason}): {Detail}")]
    private static partial void LogAccountRefused(ILogger logger, int shardId, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: the shard map changed (generation {Generation}); reopening the upstream session")]
    private static partial void LogMapChanged(ILogger logger, int shardId, long generation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: holding {Buckets} buckets of recipients it owns in generation {Generation} until another shard has delivered their earlier messages")]
    private static partial void LogHolding(ILogger logger, int shardId, int buckets, long generation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: {Messages} held messages go; {Buckets} buckets flow freely again")]
    private static partial void LogReleased(ILogger logger, int shardId, int buckets, int messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: could not check which held buckets may go: {Reason}")]
    private static partial void LogReleaseCheckFailed(ILogger logger, int shardId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: a delivery loop ended with an error while stopping: {Reason}")]
    private static partial void LogLoopEnded(ILogger logger, int shardId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId} cannot connect upstream: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, int shardId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId} (epoch {Epoch}): the upstream session ended: {Reason}")]
    private static partial void LogSessionEnded(ILogger logger, int shardId, long epoch, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: the upstream fenced epoch {Epoch} out ({Detail}); this activation stops sending")]
    private static partial void LogFenced(ILogger logger, int shardId, long epoch, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shard {ShardId}: the upstream refused message {Id} ({Reason}: {Detail})")]
    private static partial void LogRefused(ILogger logger, int shardId, string id, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: could not store receipts, inbound messages or a refusal; retrying: {Reason}")]
    private static partial void LogStoreFailed(ILogger logger, int shardId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shard {ShardId}: events could not be stored for {Limit}; closing the upstream session and opening a new one (receipts kept, inbound messages come again)")]
    private static partial void LogSessionAbandoned(ILogger logger, int shardId, TimeSpan limit);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shard {ShardId}: handling the upstream's events failed ({Reason}); closing the session and opening a new one")]
    private static partial void LogEventsFailed(ILogger logger, int shardId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shard {ShardId}: stopping with {Count} receipts that could not be stored; they are lost: {Reason}")]
    private static partial void LogStatusesLost(ILogger logger, int shardId, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: could not put the file of message {Id} on the servers; retrying: {Reason}")]
    private static partial void LogMediaFailed(ILogger logger, int shardId, string id, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shard {ShardId}: the file of inbound message {Id} cannot be fetched, so GET /v1/media will not find it: {Problem}")]
    private static partial void LogInboundMediaUnavailable(ILogger logger, int shardId, string id, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: could not mark messages sent: {Reason}")]
    private static partial void LogMarkSentFailed(ILogger logger, int shardId, string reason);
}
