using Microsoft.Extensions.Logging;
using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;
using Multiconnect.Grains.Placement;
using Multiconnect.Persistence;
using Orleans.GrainDirectory;

namespace Multiconnect.Grains;

/// <summary>
/// The master. Holds the persisted shard count, places shards (see <see cref="ShardAssignment"/>) and
/// keeps all of them active: every CoreApp pokes it at start-up, on every membership change and
/// every few seconds (<c>ShardKeeper</c>), so shards come back after a silo dies without any request.
/// </summary>
[GrainDirectory(GrainDirectoryName = ShardDirectory.Name)]
public sealed partial class ShardMapGrain(
    [PersistentState("shard-map", StorageNames.Cluster)] IPersistentState<ShardMapState> state,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IShardLeaseStore leases,
    TimeProvider clock,
    ILogger<ShardMapGrain> logger) : Grain, IShardMapGrain
{
    /// <summary>How long the master waits for one shard to answer before going on with the others.</summary>
    private static readonly TimeSpan ShardCallTimeout = TimeSpan.FromSeconds(2);

    private readonly ShardAssignment _assignment = new();

    /// <summary>A master that starts (or restarts on another silo) learns where the shards are from their leases.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var lease in await leases.ListAsync(cancellationToken))
        {
            _assignment.Record(lease.ShardId, SiloAddress.FromParsableString(lease.OwnerSilo));
        }
    }

    public Task<ShardMapView> GetAsync() => Task.FromResult(View());

    public async Task<ShardMapView> SetShardCountAsync(ShardCount shards, BusinessAccount account)
    {
        if (shards.Value != state.State.ShardCount || account != state.State.Account)
        {
            if (shards.Value != state.State.ShardCount)
            {
                state.State.ShardCount = shards.Value;
                state.State.Generation++;
                state.State.ChangedAt = clock.GetUtcNow();
                LogShardCountChanged(logger, shards.Value, state.State.Generation);
            }

            state.State.Account = account;
            await state.WriteStateAsync();
        }

        await EnsureShardsAsync();
        return View();
    }

    public async Task EnsureShardsAsync()
    {
        var count = state.State.ShardCount;
        var live = LiveSilos();
        _assignment.Retain(count, live);

        foreach (var stale in (await leases.ListAsync(CancellationToken.None)).Where(lease => lease.ShardId >= count))
        {
            if (live.Any(silo => silo.ToParsableString() == stale.OwnerSilo))
            {
                await TryAsync(stale.ShardId, shard => shard.RetireAsync());
            }
            else
            {
                // Its owner is gone: free the lease without starting the shard just to stop it.
                await leases.ReleaseAsync(stale, CancellationToken.None);
            }
        }

        var activations = await Task.WhenAll(Enumerable.Range(0, count).Select(ActivateAsync));
        foreach (var activation in activations.OfType<ShardActivation>())
        {
            _assignment.Record(activation.ShardId, activation.Silo);
        }

        if (_assignment.NextMove(live) is var (shardId, to))
        {
            LogMovingShard(logger, shardId, to);
            _assignment.Record(shardId, to);
            await TryAsync(shardId, shard => shard.RetireAsync());
            await ActivateAsync(shardId);
        }
    }

    public Task<SiloAddress> PlaceAsync(int shardId, SiloAddress[] candidates) =>
        Task.FromResult(_assignment.Place(shardId, candidates));

    public Task<SiloAddress> GetLocationAsync() => Task.FromResult(silo.SiloAddress);

    private async Task<ShardActivation?> ActivateAsync(int shardId)
    {
        ShardActivation? activation = null;
        await TryAsync(shardId, async shard => activation = await shard.DescribeAsync());
        return activation;
    }

    private async Task TryAsync(int shardId, Func<IShardGrain, Task> call)
    {
        try
        {
            await call(GrainFactory.GetGrain<IShardGrain>(shardId)).WaitAsync(ShardCallTimeout);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next pass (at most a few seconds away) tries again.
            LogShardUnavailable(logger, shardId, e.Message);
        }
    }

    private List<SiloAddress> LiveSilos() =>
        [.. membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress)];

    private ShardMapView View() =>
        new(ShardCount.From(state.State.ShardCount), state.State.Generation, state.State.ChangedAt, state.State.Account);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard count is now {Shards} (generation {Generation})")]
    private static partial void LogShardCountChanged(ILogger logger, int shards, long generation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Moving shard {ShardId} to free silo {Silo}")]
    private static partial void LogMovingShard(ILogger logger, int shardId, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId} did not answer the master: {Reason}")]
    private static partial void LogShardUnavailable(ILogger logger, int shardId, string reason);
}
