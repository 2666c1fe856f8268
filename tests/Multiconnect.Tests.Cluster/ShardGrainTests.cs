using Multiconnect.Contracts.Grains;

namespace Multiconnect.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ShardGrainTests(ClusterFixture fixture)
{
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
}
