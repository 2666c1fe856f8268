using Multiconnect.Grains.Placement;
using Orleans.Runtime;

namespace Multiconnect.Tests.Unit.Placement;

public sealed class ShardAssignmentTests
{
    private static readonly SiloAddress A = SiloAddress.FromParsableString("10.0.0.1:11111@1");
    private static readonly SiloAddress B = SiloAddress.FromParsableString("10.0.0.2:11111@1");
    private static readonly SiloAddress C = SiloAddress.FromParsableString("10.0.0.3:11111@1");

    [Fact]
    public void Each_shard_goes_to_a_silo_that_hosts_none()
    {
        var assignment = new ShardAssignment();

        var placed = new[] { assignment.Place(0, [A, B, C]), assignment.Place(1, [A, B, C]) };

        Assert.Equal(2, placed.Distinct().Count());
    }

    [Fact]
    public void Without_a_free_silo_a_shard_goes_to_the_least_loaded()
    {
        var assignment = new ShardAssignment();
        assignment.Record(0, A);
        assignment.Record(1, A);
        assignment.Record(2, B);

        Assert.Equal(B, assignment.Place(3, [A, B]));
    }

    [Fact]
    public void A_shard_stays_where_it_is_while_its_silo_lives()
    {
        var assignment = new ShardAssignment();
        assignment.Record(0, A);
        assignment.Record(1, A);

        Assert.Equal(A, assignment.Place(0, [A, B]));
    }

    [Fact]
    public void A_shard_whose_silo_died_goes_to_the_spare_not_to_a_busy_silo()
    {
        var assignment = new ShardAssignment();
        assignment.Record(0, A);
        assignment.Record(1, B);

        Assert.Equal(C, assignment.Place(0, [B, C]));
    }

    [Fact]
    public void A_crowded_silo_gives_a_shard_to_a_free_one()
    {
        var assignment = new ShardAssignment();
        assignment.Record(0, A);
        assignment.Record(1, A);
        assignment.Record(2, B);

        Assert.Equal((1, C), assignment.NextMove([A, B, C]));
        Assert.Null(assignment.NextMove([A, B]));
    }

    [Fact]
    public void Retain_forgets_removed_shards_and_dead_silos()
    {
        var assignment = new ShardAssignment();
        assignment.Record(0, A);
        assignment.Record(1, B);
        assignment.Record(2, C);

        assignment.Retain(shardCount: 2, [A, C]);

        Assert.Equal([0], assignment.Owners.Keys);
    }

    [Fact]
    public void Placing_with_no_live_silo_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new ShardAssignment().Place(0, []));
    }
}
