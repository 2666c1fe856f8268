using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;

namespace Multiconnect.Tests.Cluster;

[Collection(ShardMapCollection.Name)]
public sealed class ShardMapGrainTests(ClusterFixture fixture)
{
    private static readonly BusinessAccount Account = new("1", "6315551234", "Q2VydA==");

    [Fact]
    public async Task The_shard_count_is_1_until_changed_then_kept_across_reactivation()
    {
        // Each test uses the one cluster-wide shard map, so this test walks it through its life.
        var map = fixture.Cluster.Client.GetGrain<IShardMapGrain>(IShardMapGrain.Key);
        var initial = await map.GetAsync();
        Assert.Equal(ShardCount.One, initial.Shards);
        Assert.Equal(0, initial.Generation);
        Assert.Null(initial.ChangedAt);
        Assert.Null(initial.Account);

        var changed = await map.SetShardCountAsync(ShardCount.From(8), Account.Cc, Account.PhoneNumber, Account.Certificate, pin: null);
        Assert.Equal(8, changed.Shards.Value);
        Assert.Equal(1, changed.Generation);
        Assert.NotNull(changed.ChangedAt);
        Assert.Equal(Account, changed.Account);

        var unchanged = await map.SetShardCountAsync(ShardCount.From(8), Account.Cc, Account.PhoneNumber, Account.Certificate, pin: null);
        Assert.Equal(changed, unchanged);

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var reread = await map.GetAsync();
        Assert.Equal(changed, reread);

        var back = await map.SetShardCountAsync(ShardCount.One, Account.Cc, Account.PhoneNumber, Account.Certificate, pin: null);
        Assert.Equal(2, back.Generation);
    }
}
