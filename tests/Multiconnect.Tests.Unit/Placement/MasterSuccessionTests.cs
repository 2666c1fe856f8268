using System.Net;
using Multiconnect.Contracts.Grains;

namespace Multiconnect.Tests.Unit.Placement;

public sealed class MasterSuccessionTests
{
    private static SiloAddress Silo(int port, int generation) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), generation);

    [Fact]
    public void The_master_goes_to_the_oldest_silo_and_the_next_oldest_takes_it_over()
    {
        var (youngest, oldest, middle) = (Silo(11111, 300), Silo(11112, 100), Silo(11113, 200));

        Assert.Equal([oldest, middle, youngest], MasterSuccession.Order([youngest, oldest, middle]));
        Assert.Equal(middle, MasterSuccession.Next([youngest, oldest, middle], master: oldest));
        Assert.Equal(oldest, MasterSuccession.Next([youngest, oldest, middle], master: middle)); // a master elsewhere: the oldest takes it over
        Assert.Null(MasterSuccession.Next([oldest], master: oldest));
    }

    [Fact]
    public void Silos_started_in_the_same_second_are_ordered_by_address_the_same_way_everywhere()
    {
        var (a, b) = (Silo(11112, 100), Silo(11111, 100));

        Assert.Equal(MasterSuccession.Order([a, b]), MasterSuccession.Order([b, a]));
    }

    [Theory]
    [InlineData(new[] { "connected", "connected" }, "connected")]
    [InlineData(new[] { "connected", "connecting" }, "connecting")]
    [InlineData(new[] { "connecting", "unregistered" }, "unregistered")]
    [InlineData(new[] { "connected", "blocked", "logged_out" }, "blocked")]
    [InlineData(new[] { "connected", "disconnected" }, "disconnected")]
    [InlineData(new string[0], "disconnected")]
    public void A_node_shows_the_least_advanced_of_its_shards_sessions(string[] shards, string node) =>
        Assert.Equal(node, UpstreamStatus.Combined(shards));
}
