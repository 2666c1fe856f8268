using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;
using Multiconnect.Grains.Messaging;
using Multiconnect.Grains.Placement;
using Multiconnect.Grains.Telemetry;
using Multiconnect.Persistence;
using Multiconnect.Upstream.Client;
using Orleans.GrainDirectory;

namespace Multiconnect.Grains;

/// <summary>
/// One shard. On activation it reads the shard map, claims the shard's lease, which bumps the epoch and
/// fences out any earlier owner, loads the messages its log holds undelivered, and starts delivering
/// them over its upstream session. It renews the lease every second, and the moment a renewal is
/// refused, or the upstream refuses its epoch (a newer activation took over), it stops acting and
/// deactivates. It never deactivates for being idle.
/// It accepts only recipients it owns in the map's current generation (the others are answered
/// "moved"); it learns a new generation from the master's keep-alive or from the append that the
/// database refused for it, and then holds the recipients it gained until the shards that had them
/// have delivered what they accepted earlier. A shard whose id is beyond the count accepts nothing:
/// it delivers what it holds, then gives up its lease and deactivates. See docs/resharding.md.
/// </summary>
[ShardPlacement, KeepAlive, GrainDirectory(GrainDirectoryName = ShardDirectory.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Writer and delivery are disposed when the activation ends, in OnDeactivateAsync.")]
public sealed partial class ShardGrain(
    ILocalSiloDetails silo,
    IShardLeaseStore leases,
    IShardMapSource maps,
    IMessageLog log,
    ICallbackStore callbacks,
    IMediaStore media,
    UpstreamMedia upstreamMedia,
    IOptions<ShardOptions> options,
    ShardMetrics metrics,
    ILogger<ShardGrain> logger) : Grain, IShardGrain, IShardGrainCopies
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(1);

    /// <summary>Renewals that may fail in a row (the database unreachable) before the activation stops acting on its own.</summary>
    private const int MaxFailedRenewals = 3;

    private readonly SemaphoreSlim _learning = new(1, 1);
    private ShardMapView _map = new(ShardCount.One, -1, null, null);
    private ShardLease? _lease;
    private ShardDelivery? _delivery;
    private MessageWriter? _writer;
    private ShardTally? _tally;
    private int _failedRenewals;

    private int ShardId => (int)this.GetPrimaryKeyLong();

    private bool Draining => ShardId >= Volatile.Read(ref _map).Shards.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        StorageErrors.ActivateAsync(() => ActivateAsync(cancellationToken), logger, $"shard {ShardId}");

    private async Task ActivateAsync(CancellationToken cancellationToken)
    {
        var map = _map = await maps.ReadAsync(cancellationToken);
        if (Draining && !await HasUnsentAsync(cancellationToken))
        {
            // Beyond the count with nothing to deliver (a gateway routing by an old count woke it up):
            // it takes no lease and accepts nothing.
            this.DeactivateOnIdle();
            return;
        }

        _lease = await leases.ClaimAsync(ShardId, silo.SiloAddress.ToParsableString(), silo.Name, cancellationToken);
        var pending = await log.PendingAsync(ShardId, cancellationToken);
        var blocked = await BlockedAsync(map, cancellationToken);
        LogClaimed(logger, ShardId, _lease.Epoch, silo.Name, pending.Count);
        if (_lease.TakenFrom is { } previousOwner)
        {
            LogTakenOver(logger, ShardId, previousOwner);
            metrics.Failover(ShardId);
        }

        var tally = _tally = metrics.Open(ShardId, () => _delivery?.Backlog ?? 0);
        var delivery = _delivery = new ShardDelivery(ShardId, _lease.Epoch, options.Value, log, callbacks, map, blocked, pending, tally, new ShardMedia(media, upstreamMedia), logger);
        _writer = new MessageWriter(log, ShardId, _lease.Epoch, options.Value.MaxBatch, () => Volatile.Read(ref _map), LearnMapAsync, written =>
        {
            tally.OnAccepted(written.Count);
            delivery.Enqueue(written);
        });
        this.RegisterGrainTimer(RenewAsync, new GrainTimerCreationOptions(RenewEvery, RenewEvery) { Interleave = true });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await StopActingAsync();
        if (_tally is not null)
        {
            metrics.Close(_tally);
        }

        if (_lease is not null)
        {
            await leases.ReleaseAsync(_lease, cancellationToken);
        }
    }

    public async Task AppendAsync(MessageToSend message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Generation > Volatile.Read(ref _map).Generation)
        {
            await LearnMapAsync(message.Generation); // the gateway knows a newer map than this shard
        }

        if (Draining)
        {
            var map = Volatile.Read(ref _map);
            throw new ShardMovedException(map.Shards.Value, map.Generation);
        }

        if (_lease is null || _writer is not { } writer || _delivery is not { Fenced: false } delivery)
        {
            throw new ShardFencedException($"Shard {ShardId} on {silo.Name} no longer holds its lease");
        }

        if (delivery.Upstream is var upstream && UpstreamStatus.IsAccountRefused(upstream))
        {
            throw new AccountNotActiveException(upstream, upstream == UpstreamStatus.Blocked
                ? "The account is blocked by the WhatsApp servers (an expired certificate was presented for it)"
                : "The account is logged out (a certificate of another number was presented for it, or none more than 7 days after registration): POST /v1/account/shards with the number's own certificate");
        }

        if (Volatile.Read(ref _map).Account is null && options.Value.UpstreamUrl is not null)
        {
            throw new AccountNotActiveException(UpstreamStatus.Unregistered,
                "No business number is registered yet: register it with POST /v1/account and POST /v1/account/verify");
        }

        if (delivery.Backlog >= options.Value.MaxBacklog)
        {
            throw new ShardOverloadedException($"Shard {ShardId} holds {delivery.Backlog} undelivered messages; retry later");
        }

        var bucket = ShardRouter.BucketFor(RecipientId.Parse(message.Recipient));
        var expiresAt = message.Ttl is { } ttl ? DateTimeOffset.UtcNow.AddSeconds(ttl) : (DateTimeOffset?)null;
        await writer.AppendAsync(new PendingMessage(message.Id, message.Recipient, message.Body, bucket, Type: message.Type, ExpiresAt: expiresAt));
    }

    public async Task<ShardActivation?> KeepAsync(ShardMapView map)
    {
        ArgumentNullException.ThrowIfNull(map);
        await ApplyMapAsync(map);
        if (_lease is { } lease)
        {
            return Activation(lease);
        }

        this.DeactivateOnIdle();
        return Draining ? null : throw new ShardFencedException($"Shard {ShardId} on {silo.Name} no longer holds its lease");
    }

    public Task MarkReadAsync(string inboundId) =>
        _delivery is { } delivery && delivery.MarkRead(inboundId)
            ? Task.CompletedTask
            : throw new ShardFencedException($"Shard {ShardId} has no upstream session to mark {inboundId} read; retry shortly");

    public Task<ShardActivation> DescribeAsync() =>
        _lease is { } lease
            ? Task.FromResult(Activation(lease))
            : throw new ShardFencedException($"Shard {ShardId} on {silo.Name} no longer holds its lease");

    public Task<ShardStats> GetStatsAsync() =>
        _lease is { } lease && _tally is { } tally
            ? Task.FromResult(new ShardStats(Activation(lease), tally.Accepted, tally.Sent, tally.Delivered, tally.Backlog))
            : throw new ShardFencedException($"Shard {ShardId} on {silo.Name} no longer holds its lease");

    public async Task RetireAsync()
    {
        await StopActingAsync();
        if (_lease is { } lease)
        {
            _lease = null;
            await leases.ReleaseAsync(lease, CancellationToken.None);
            LogRetired(logger, ShardId, lease.Epoch);
        }

        this.DeactivateOnIdle();
    }

    private ShardActivation Activation(ShardLease lease)
    {
        var (heldBuckets, heldMessages) = _delivery?.Held ?? default;
        return new(ShardId, silo.SiloAddress, $"{silo.DnsHostName}:{silo.Name}", lease.Epoch, lease.ClaimedAt,
            Volatile.Read(ref _map).Generation, heldBuckets, heldMessages, Draining, _delivery?.Upstream ?? UpstreamStatus.Connecting);
    }

    /// <summary>Whether the log holds messages of this shard not yet acknowledged upstream.</summary>
    private async Task<bool> HasUnsentAsync(CancellationToken cancellationToken) =>
        (await log.ShardsWithPendingAsync(ShardId, cancellationToken)).Contains(ShardId);

    /// <summary>The database says the map is at <paramref name="generation"/> or later: read it and act on it.</summary>
    private async Task LearnMapAsync(long generation)
    {
        if (Volatile.Read(ref _map).Generation < generation)
        {
            await ApplyMapAsync(await maps.ReadAsync(CancellationToken.None));
        }
    }

    /// <summary>
    /// Acts on a newer map, one at a time: the buckets owned that another shard still has earlier
    /// messages for are held before anything can be written under the new generation (the writer
    /// reads <see cref="_map"/>, set last); the upstream session reopens with the new map.
    /// </summary>
    private async Task ApplyMapAsync(ShardMapView map)
    {
        await _learning.WaitAsync();
        try
        {
            var current = Volatile.Read(ref _map);
            if (map.Generation < current.Generation || map == current)
            {
                return;
            }

            if (_delivery is { } delivery)
            {
                if (map.Generation > current.Generation)
                {
                    delivery.Hold(await BlockedAsync(map, CancellationToken.None));
                }

                delivery.MapChanged(map);
            }

            Volatile.Write(ref _map, map);
            if (map.Generation > current.Generation)
            {
                LogMapApplied(logger, ShardId, map.Generation, map.Shards.Value);
            }
        }
        finally
        {
            _learning.Release();
        }
    }

    /// <summary>The buckets this shard owns under <paramref name="map"/> that another shard still has older messages for.</summary>
    private async Task<IReadOnlyCollection<int>> BlockedAsync(ShardMapView map, CancellationToken cancellationToken) =>
        map.BucketsOf(ShardId) is { Count: > 0 } owned
            ? (await log.BlockedBucketsAsync(ShardId, map.Generation, owned, cancellationToken)).Keys.ToList()
            : [];

    /// <summary>Stops accepting and sending: the writer finishes the batch in hand, the session closes.</summary>
    private async Task StopActingAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
            _writer = null;
        }

        if (_delivery is not null)
        {
            await _delivery.DisposeAsync();
            _delivery = null;
        }
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        if (_lease is not { } lease)
        {
            return;
        }

        try
        {
            if (Draining && _delivery is { Backlog: 0 } && !await HasUnsentAsync(cancellationToken))
            {
                LogDrained(logger, ShardId, lease.Epoch);
                await RetireAsync();
                return;
            }

            var held = _delivery is not { Fenced: true } && await leases.RenewAsync(lease, cancellationToken);
            _failedRenewals = 0;
            if (!held && ReferenceEquals(_lease, lease))
            {
                LogFenced(logger, ShardId, lease.Epoch, silo.Name);
                _lease = null;
                this.DeactivateOnIdle();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database is unreachable. Briefly, keep serving (the upstream still refuses a stale
            // epoch); for longer, this activation cannot know it still owns the shard: it stops.
            LogRenewFailed(logger, ShardId, e.Message);
            if (++_failedRenewals >= MaxFailedRenewals && ReferenceEquals(_lease, lease))
            {
                await StopActingAsync();
                this.DeactivateOnIdle();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId} claimed with epoch {Epoch} on {Silo}; {Pending} messages to deliver")]
    private static partial void LogClaimed(ILogger logger, int shardId, long epoch, string silo, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId} taken over from {PreviousOwner}, which still held its lease")]
    private static partial void LogTakenOver(ILogger logger, int shardId, string previousOwner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: lease of epoch {Epoch} on {Silo} was taken over by a newer owner; this activation stops acting and deactivates")]
    private static partial void LogFenced(ILogger logger, int shardId, long epoch, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId} (epoch {Epoch}) retired")]
    private static partial void LogRetired(ILogger logger, int shardId, long epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId} acts under generation {Generation} of the shard map ({Shards} shards)")]
    private static partial void LogMapApplied(ILogger logger, int shardId, long generation, int shards);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId} (epoch {Epoch}) is beyond the shard count and has delivered everything it accepted: it retires")]
    private static partial void LogDrained(ILogger logger, int shardId, long epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId} could not renew its lease: {Reason}")]
    private static partial void LogRenewFailed(ILogger logger, int shardId, string reason);
}
