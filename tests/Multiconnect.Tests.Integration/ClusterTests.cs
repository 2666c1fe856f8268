using System.Net;
using Multiconnect.Tests.Integration.Infrastructure;
using Multiconnect.Testing;

namespace Multiconnect.Tests.Integration;

[Collection(PostgresCollection.Name)]
public sealed class ClusterTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Two_coreapps_on_postgres_are_each_one_active_row_of_the_membership_table()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);

        await cluster.StartCoreAppAsync("coreapp-a");
        await cluster.StartCoreAppAsync("coreapp-b");

        var membership = await cluster.MembershipAsync();
        Assert.Equal([("coreapp-a", 3), ("coreapp-b", 3)], membership);
    }

    [Fact]
    public async Task Two_gateways_see_the_same_shard_count_and_accept_each_others_tokens()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        await cluster.StartCoreAppAsync("coreapp-a");
        var first = await cluster.StartGatewayAsync("gateway-1");
        var second = await cluster.StartGatewayAsync("gateway-2");
        var token = await first.LoginAsync();

        using var created = await first.SetShardCountAsync(token, 4);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(4, await second.GetShardCountAsync(token));
        Assert.Equal(4, await first.GetShardCountAsync(await second.LoginAsync()));
    }

    [Fact]
    public async Task The_shard_count_survives_a_restart_of_the_whole_cluster()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var coreApp = await cluster.StartCoreAppAsync("coreapp-a");
        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();
        using (var created = await gateway.SetShardCountAsync(token, 8))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await gateway.Process.StopAsync(TimeSpan.FromSeconds(30));
        await coreApp.StopAsync(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(await cluster.MembershipAsync(), row => row.Status == 3);

        await cluster.StartCoreAppAsync("coreapp-b");
        var restarted = await cluster.StartGatewayAsync("gateway-2");

        // The token, too, was durable: it is accepted by a gateway that did not issue it.
        Assert.Equal(8, await restarted.GetShardCountAsync(token));
    }
}
