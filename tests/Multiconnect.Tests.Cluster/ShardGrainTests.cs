using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;

namespace Multiconnect.Tests.Cluster;

[Collection(ShardCollection.Name)]
public sealed class ShardGrainTests(ClusterFixture fixture) : IAsyncLifetime
{
    /// <summary>Shards 0 to 7 exist only once the map has eight: a shard beyond the count takes no lease.</summary>
    public async Task InitializeAsync() =>
        await fixture.Cluster.Client.GetGrain<IShardMapGrain>(IShardMapGrain.Key)
            .SetShardCountAsync(ShardCount.From(8), "1", "6315551234", "Q2VydA==", pin: null);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_shard_reports_its_id_and_the_silo_it_runs_on()
    {
        var silos = fixture.Cluster.GetActiveSilos().Select(s => s.SiloAddress).ToHashSet();

        for (var shard = 0; shard < 4; shard++)
        {
            var activation = await fixture.Cluster.Client.GetGrain<IShardGrain>(shard).DescribeAsync();

            Assert.Equal(shard, activation.ShardId);
            Assert.Contains(activation.Silo, silos);
            Assert.Contains(":", activation.Node, StringComparison.Ordinal);
            Assert.True(activation.Epoch >= 1);
        }
    }

    [Fact]
    public async Task A_shard_stays_on_one_activation_between_calls()
    {
        var shard = fixture.Cluster.Client.GetGrain<IShardGrain>(7);

        var first = await shard.DescribeAsync();
        var second = await shard.DescribeAsync();

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_copy_of_a_call_reaches_the_same_activation_through_any_silo()
    {
        var activation = await fixture.Cluster.Client.GetGrain<IShardGrain>(6).DescribeAsync();

        // Copies are sent through the silos' client ports in turn: as many as there are silos, and one more.
        for (var copy = 0; copy <= fixture.Cluster.GetActiveSilos().Count(); copy++)
        {
            Assert.Equal(activation, await fixture.Cluster.Client.GetGrain<IShardGrainCopies>(6).DescribeAsync());
        }
    }
}
