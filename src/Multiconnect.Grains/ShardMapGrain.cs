using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;

namespace Multiconnect.Grains;

/// <summary>Holds the persisted shard count (1 until someone changes it).</summary>
public sealed class ShardMapGrain(
    [PersistentState("shard-map", StorageNames.Cluster)] IPersistentState<ShardMapState> state,
    TimeProvider clock) : Grain, IShardMapGrain
{
    public Task<ShardMapView> GetAsync() => Task.FromResult(View());

    public async Task<ShardMapView> SetShardCountAsync(ShardCount shards)
    {
        if (shards.Value == state.State.ShardCount)
        {
            return View();
        }

        state.State.ShardCount = shards.Value;
        state.State.Generation++;
        state.State.ChangedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        return View();
    }

    private ShardMapView View() =>
        new(ShardCount.From(state.State.ShardCount), state.State.Generation, state.State.ChangedAt);
}
