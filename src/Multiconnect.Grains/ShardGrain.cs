using Microsoft.Extensions.Logging;
using Multiconnect.Contracts.Grains;
using Multiconnect.Grains.Placement;
using Multiconnect.Persistence;
using Orleans.GrainDirectory;

namespace Multiconnect.Grains;

/// <summary>
/// One shard. On activation it claims the shard's lease, which bumps the epoch and fences out any
/// earlier owner; it renews the lease every second, and the moment a renewal is refused (a newer
/// activation took over) it stops acting and deactivates. It never deactivates for being idle.
/// </summary>
[ShardPlacement, KeepAlive, GrainDirectory(GrainDirectoryName = ShardDirectory.Name)]
public sealed partial class ShardGrain(ILocalSiloDetails silo, IShardLeaseStore leases, ILogger<ShardGrain> logger) : Grain, IShardGrain
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(1);

    private ShardLease? _lease;

    private int ShardId => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lease = await leases.ClaimAsync(ShardId, silo.SiloAddress.ToParsableString(), silo.Name, cancellationToken);
        LogClaimed(logger, ShardId, _lease.Epoch, silo.Name);
        this.RegisterGrainTimer(RenewAsync, new GrainTimerCreationOptions(RenewEvery, RenewEvery) { Interleave = true });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_lease is not null)
        {
            await leases.ReleaseAsync(_lease, cancellationToken);
        }
    }

    public Task<ShardActivation> DescribeAsync() =>
        _lease is { } lease
            ? Task.FromResult(new ShardActivation(ShardId, silo.SiloAddress, $"{silo.DnsHostName}:{silo.Name}", lease.Epoch, lease.ClaimedAt))
            : throw new ShardFencedException($"Shard {ShardId} on {silo.Name} no longer holds its lease");

    public async Task RetireAsync()
    {
        if (_lease is not null)
        {
            await leases.ReleaseAsync(_lease, CancellationToken.None);
            LogRetired(logger, ShardId, _lease.Epoch);
            _lease = null;
        }

        this.DeactivateOnIdle();
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        if (_lease is not { } lease)
        {
            return;
        }

        try
        {
            if (!await leases.RenewAsync(lease, cancellationToken))
            {
                LogFenced(logger, ShardId, lease.Epoch, silo.Name);
                _lease = null;
                this.DeactivateOnIdle();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database is unreachable: keep serving; the upstream still refuses a stale epoch.
            LogRenewFailed(logger, ShardId, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId} claimed with epoch {Epoch} on {Silo}")]
    private static partial void LogClaimed(ILogger logger, int shardId, long epoch, string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: lease of epoch {Epoch} on {Silo} was taken over by a newer owner; this activation stops acting and deactivates")]
    private static partial void LogFenced(ILogger logger, int shardId, long epoch, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId} (epoch {Epoch}) retired")]
    private static partial void LogRetired(ILogger logger, int shardId, long epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId} could not renew its lease: {Reason}")]
    private static partial void LogRenewFailed(ILogger logger, int shardId, string reason);
}
