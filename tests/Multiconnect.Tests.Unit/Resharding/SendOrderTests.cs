using Multiconnect.Grains.Messaging;
using Multiconnect.Persistence;

namespace Multiconnect.Tests.Unit.Resharding;

public sealed class SendOrderTests
{
    private static PendingMessage Message(string id, int bucket = 0, long generation = 1) => new(id, "16315550001", id, bucket, generation);

    private static List<string> TakeAll(SendOrder order)
    {
        var taken = new List<string>();
        while (order.TryTake(out var message))
        {
            taken.Add(message.Id);
        }

        return taken;
    }

    [Fact]
    public void Unacknowledged_messages_go_again_first_and_in_their_order()
    {
        var order = new SendOrder();
        order.Add([Message("m1"), Message("m2"), Message("m3"), Message("m4")]);
        Assert.True(order.TryTake(out var m1));
        Assert.True(order.TryTake(out var m2));

        order.PutBack([m1, m2]); // the session ended before they were acknowledged

        Assert.Equal(["m1", "m2", "m3", "m4"], TakeAll(order));
        Assert.Equal(4, order.Backlog);
    }

    [Fact]
    public void The_backlog_counts_what_is_accepted_and_not_yet_done_with_held_messages_included()
    {
        var order = new SendOrder();
        order.Hold([2]);
        order.Add([Message("a", bucket: 0), Message("b", bucket: 2)]);

        Assert.Equal(["a"], TakeAll(order));
        order.Done();
        Assert.Equal(1, order.Backlog);
        Assert.Equal((1, 1), order.Held);
    }

    [Fact]
    public void Released_messages_follow_those_ready_before_them_and_precede_later_ones_of_their_bucket()
    {
        var order = new SendOrder();
        order.Hold([2]);
        order.Add([Message("held-1", bucket: 2), Message("free", bucket: 0), Message("held-2", bucket: 2)]);

        Assert.Equal((1, 2), order.Release([2], new Dictionary<int, long>()));
        order.Add([Message("later", bucket: 2)]);

        Assert.Equal(["free", "held-1", "held-2", "later"], TakeAll(order));
        Assert.Empty(order.HeldBuckets());
    }

    [Fact]
    public void A_bucket_another_shard_still_has_older_messages_for_stays_held()
    {
        var order = new SendOrder();
        order.Hold([2]);
        order.Add([Message("g3", bucket: 2, generation: 3)]);

        Assert.Equal((0, 0), order.Release([2], new Dictionary<int, long> { [2] = 2 }));
        Assert.Empty(TakeAll(order));
        Assert.Equal([2], order.HeldBuckets());
    }

    [Fact]
    public async Task A_wait_ends_when_a_message_is_ready_and_at_once_if_one_is()
    {
        var order = new SendOrder();
        var waiting = order.WhenReadyAsync();
        Assert.False(waiting.IsCompleted);

        order.Add([Message("m1")]);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(order.WhenReadyAsync().IsCompleted);

        order.TryTake(out _);
        var abandoned = order.WhenReadyAsync();
        var next = order.WhenReadyAsync(); // a later wait after one the loop gave up on (its session ended)
        order.PutBack([Message("m1")]);
        await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(abandoned.IsCompleted);
    }
}
