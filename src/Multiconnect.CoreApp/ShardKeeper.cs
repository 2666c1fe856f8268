using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Multiconnect.Contracts.Grains;

namespace Multiconnect.CoreApp;

/// <summary>
/// Runs on every CoreApp: pokes the master at start-up, on every membership change and every few
/// seconds, so that every shard is active without any request, whichever silo hosts the master.
/// </summary>
internal sealed partial class ShardKeeper(IClusterMembershipService membership, IGrainFactory grains, ILogger<ShardKeeper> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var changed = new SemaphoreSlim(0, 1);
        var watcher = WatchMembershipAsync(changed, stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await grains.GetGrain<IShardMapGrain>(IShardMapGrain.Key).EnsureShardsAsync().WaitAsync(Timeout, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Whatever went wrong (the database, the master moving), try again on the next pass:
                    // a CoreApp must not stop because one pass failed.
                    LogMasterUnavailable(logger, e.Message);
                }

                await changed.WaitAsync(Every, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await watcher;
    }

    private async Task WatchMembershipAsync(SemaphoreSlim changed, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var _ in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                // A burst of changes asks for one more pass, not one pass each.
                if (changed.CurrentCount == 0)
                {
                    try
                    {
                        changed.Release();
                    }
                    catch (SemaphoreFullException)
                    {
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The master could not check the shards: {Reason}; trying again shortly")]
    private static partial void LogMasterUnavailable(ILogger logger, string reason);
}
