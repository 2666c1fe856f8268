using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;
using Multiconnect.Grains.Messaging;
using Multiconnect.Persistence;

namespace Multiconnect.Tests.Unit.Resharding;

public sealed class HandoverGateTests
{
    private static PendingMessage Message(string id, int bucket, long generation) => new(id, "16315550001", id, bucket, generation);

    [Fact]
    public void A_held_bucket_keeps_its_messages_in_order_until_released_and_then_flows_freely()
    {
        var gate = new HandoverGate();
        gate.Hold(bucket: 2);

        Assert.False(gate.TryPass(Message("a1", 2, 5)));
        Assert.False(gate.TryPass(Message("a2", 2, 5)));
        Assert.Equal(2, gate.Waiting);
        Assert.Empty(gate.Release(2, oldestElsewhere: 4)); // another shard still has generation 4 to deliver
        Assert.Equal(["a1", "a2"], gate.Release(2, oldestElsewhere: null).Select(m => m.Id));
        Assert.Equal(0, gate.Waiting);
        Assert.Empty(gate.HeldBuckets);
        Assert.True(gate.TryPass(Message("a3", 2, 5)));
    }

    [Fact]
    public void Buckets_that_are_not_held_are_never_paused()
    {
        var gate = new HandoverGate();
        gate.Hold(bucket: 2);

        Assert.True(gate.TryPass(Message("b1", 6, 5)));
        Assert.True(gate.TryPass(Message("b2", 0, 5)));
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public void Messages_go_as_far_as_the_oldest_generation_still_unsent_elsewhere_allows()
    {
        // Bucket 2 moved 0 → 2 (generation 1), back to 0 (2) and to 2 again (3). Shard 2 holds its messages
        // of generations 1 and 3; shard 0 still has generation 2 to deliver.
        var gate = new HandoverGate();
        gate.Hold(bucket: 2);
        Assert.False(gate.TryPass(Message("g1", 2, 1)));
        Assert.False(gate.TryPass(Message("g3", 2, 3)));

        Assert.Equal(["g1"], gate.Release(2, oldestElsewhere: 2).Select(m => m.Id)); // nothing older than 1 is left elsewhere
        Assert.Equal([2], gate.HeldBuckets);
        Assert.False(gate.TryPass(Message("g3b", 2, 3)));
        Assert.Equal(["g3", "g3b"], gate.Release(2, oldestElsewhere: null).Select(m => m.Id));
    }

    [Fact]
    public void Releasing_a_bucket_that_is_not_held_gives_nothing()
    {
        var gate = new HandoverGate();
        Assert.Empty(gate.Release(7, oldestElsewhere: null));
    }

    [Theory]
    [InlineData(2, 4)]
    [InlineData(4, 8)]
    [InlineData(8, 2)]
    [InlineData(2, 16)]
    [InlineData(32, 1)]
    public void A_change_of_count_moves_whole_buckets_and_only_the_recipients_of_split_or_merged_shards(int from, int to)
    {
        var before = new ShardMapView(ShardCount.From(from), 1, null, null);
        var after = new ShardMapView(ShardCount.From(to), 2, null, null);
        foreach (var recipient in Enumerable.Range(0, 2_000).Select(i => RecipientId.Parse($"1631555{i:D4}")))
        {
            var bucket = ShardRouter.BucketFor(recipient);
            Assert.True(before.Owns(ShardRouter.ShardFor(recipient, before.Shards), bucket));
            Assert.True(after.Owns(ShardRouter.ShardFor(recipient, after.Shards), bucket));
            // Only split or merged shards exchange recipients: old and new shard agree modulo the smaller count.
            var smaller = Math.Min(from, to);
            Assert.Equal(ShardRouter.ShardFor(recipient, before.Shards) % smaller, ShardRouter.ShardFor(recipient, after.Shards) % smaller);
        }

        Assert.Equal(ShardCount.Max.Value, Enumerable.Range(0, to).Sum(shard => after.BucketsOf(shard).Count));
        Assert.Empty(after.BucketsOf(to));
    }
}
