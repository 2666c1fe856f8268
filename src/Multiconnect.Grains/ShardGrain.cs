using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Multiconnect.Contracts.Grains;
using Multiconnect.Grains.Messaging;
using Multiconnect.Grains.Placement;
using Multiconnect.Grains.Telemetry;
using Multiconnect.Persistence;
using Orleans.GrainDirectory;

namespace Multiconnect.Grains;

/// <summary>
/// One shard. On activation it claims the shard's lease, which bumps the epoch and fences out any
/// earlier owner, loads the messages its log holds undelivered, and starts delivering them over its
/// upstream session. It renews the lease every second, and the moment a renewal is refused, or the
/// upstream refuses its epoch (a newer activation took over), it stops acting and deactivates. It
/// never deactivates for being idle.
/// </summary>
[ShardPlacement, KeepAlive, GrainDirectory(GrainDirectoryName = ShardDirectory.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Writer and delivery are disposed when the activation ends, in OnDeactivateAsync.")]
public sealed partial class ShardGrain(
    ILocalSiloDetails silo,
    IShardLeaseStore leases,
    IMessageLog log,
    ICallbackStore callbacks,
    IOptions<ShardOptions> options,
    ShardMetrics metrics,
    ILogger<ShardGrain> logger) : Grain, IShardGrain
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(1);

    /// <summary>Renewals that may fail in a row (the database unreachable) before the activation stops acting on its own.</summary>
    private const int MaxFailedRenewals = 3;

    private ShardLease? _lease;
    private ShardDelivery? _delivery;
    private MessageWriter? _writer;
    private ShardTally? _tally;
    private int _failedRenewals;

    private int ShardId => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lease = await leases.ClaimAsync(ShardId, silo.SiloAddress.ToParsableString(), silo.Name, cancellationToken);
        var pending = await log.PendingAsync(ShardId, cancellationToken);
        LogClaimed(logger, ShardId, _lease.Epoch, silo.Name, pending.Count);
        if (_lease.TakenFrom is { } previousOwner)
        {
            LogTakenOver(logger, ShardId, previousOwner);
            metrics.Failover(ShardId);
        }

        var master = GrainFactory.GetGrain<IShardMapGrain>(IShardMapGrain.Key);
        var tally = _tally = metrics.Open(ShardId, () => _delivery?.Backlog ?? 0);
        var delivery = _delivery = new ShardDelivery(ShardId, _lease.Epoch, options.Value, log, callbacks, master.GetAsync, pending, tally, logger);
        _writer = new MessageWriter(log, ShardId, _lease.Epoch, options.Value.MaxBatch, written =>
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

    public Task AppendAsync(MessageToSend message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_lease is null || _writer is null || _delivery is not { Fenced: false } delivery)
        {
            throw new ShardFencedException($"Shard {ShardId} on {silo.Name} no longer holds its lease");
        }

        if (delivery.Backlog >= options.Value.MaxBacklog)
        {
            throw new ShardOverloadedException($"Shard {ShardId} holds {delivery.Backlog} undelivered messages; retry later");
        }

        return _writer.AppendAsync(new PendingMessage(message.Id, message.Recipient, message.Body));
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

    private ShardActivation Activation(ShardLease lease) =>
        new(ShardId, silo.SiloAddress, $"{silo.DnsHostName}:{silo.Name}", lease.Epoch, lease.ClaimedAt);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId} could not renew its lease: {Reason}")]
    private static partial void LogRenewFailed(ILogger logger, int shardId, string reason);
}
