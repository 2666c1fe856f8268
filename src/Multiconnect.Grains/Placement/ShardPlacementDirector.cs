using Microsoft.Extensions.Logging;
using Multiconnect.Contracts.Grains;
using Orleans.Runtime.Placement;

namespace Multiconnect.Grains.Placement;

/// <summary>
/// Asks the master where a shard goes. The master decides one placement at a time, so two shards
/// placed at the same moment never land on the same silo. If the master cannot answer quickly
/// (it is itself moving), the shard goes to a silo picked from its id, and the master evens
/// placement out on its next pass.
/// </summary>
public sealed partial class ShardPlacementDirector(IGrainFactory grains, ILogger<ShardPlacementDirector> logger) : IPlacementDirector
{
    private static readonly TimeSpan MasterTimeout = TimeSpan.FromSeconds(2);

    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var candidates = context.GetCompatibleSilos(target);
        var shardId = (int)target.GrainIdentity.GetIntegerKey();
        try
        {
            var chosen = await grains.GetGrain<IShardMapGrain>(IShardMapGrain.Key).PlaceAsync(shardId, candidates).WaitAsync(MasterTimeout);
            if (candidates.Contains(chosen))
            {
                return chosen;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogMasterUnavailable(logger, shardId, e.Message);
        }

        return candidates[shardId % candidates.Length];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The master did not place shard {ShardId} ({Reason}); placing it by its id")]
    private static partial void LogMasterUnavailable(ILogger logger, int shardId, string reason);
}
