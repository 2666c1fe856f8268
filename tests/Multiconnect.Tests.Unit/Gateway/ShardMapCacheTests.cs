using Microsoft.Extensions.Logging.Abstractions;
using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;
using Multiconnect.Gateway.Cluster;

namespace Multiconnect.Tests.Unit.Gateway;

public sealed class ShardMapCacheTests
{
    /// <summary>Far longer than a cached answer takes; a send that waited for the master would never come back.</summary>
    private static readonly TimeSpan NotWaiting = TimeSpan.FromSeconds(10);

    /// <summary>How old a map may get before it is read again, as the gateway's setting says by default.</summary>
    private static readonly TimeSpan FreshFor = new Multiconnect.Gateway.GatewayOptions().ShardMapRefresh;

    private readonly ManualClock _clock = new();
    private readonly List<TaskCompletionSource<ShardMapView>> _reads = [];

    private ShardMapCache NewCache() => new(
        () =>
        {
            var read = new TaskCompletionSource<ShardMapView>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_reads)
            {
                _reads.Add(read);
            }

            return read.Task;
        },
        _clock,
        FreshFor,
        NullLogger<ShardMapCache>.Instance);

    private static ShardMapView Map(int shards, long generation = 1) => new(ShardCount.From(shards), generation, null, null);

    [Fact]
    public async Task Only_the_first_send_waits_for_the_master()
    {
        var cache = NewCache();
        var first = cache.GetAsync(CancellationToken.None).AsTask();
        await Eventually(() => _reads.Count == 1);
        Assert.False(first.IsCompleted);
        _reads[0].SetResult(Map(2));
        Assert.Equal(2, (await first).Shards.Value);
        Assert.Equal(2, (await cache.GetAsync(CancellationToken.None)).Shards.Value);
        Assert.Single(_reads);
    }

    [Fact]
    public async Task A_stale_count_is_used_while_the_master_does_not_answer_and_replaced_once_it_does()
    {
        var cache = NewCache();
        var first = cache.GetAsync(CancellationToken.None).AsTask();
        await Eventually(() => _reads.Count == 1);
        _reads[0].SetResult(Map(2));
        await first;

        // The master is failing over: its read hangs, sends go on with the count they have, one read at a time.
        _clock.Now += FreshFor + TimeSpan.FromMilliseconds(1);
        Assert.Equal(2, (await cache.GetAsync(CancellationToken.None).AsTask().WaitAsync(NotWaiting)).Shards.Value);
        await Eventually(() => _reads.Count == 2);
        Assert.Equal(2, (await cache.GetAsync(CancellationToken.None).AsTask().WaitAsync(NotWaiting)).Shards.Value);
        Assert.Equal(2, _reads.Count);

        _reads[1].SetResult(Map(4, generation: 2));
        await Eventually(async () => (await cache.GetAsync(CancellationToken.None)).Shards.Value == 4);
    }

    [Fact]
    public async Task A_failed_read_is_tried_again_by_the_next_send()
    {
        var cache = NewCache();
        var first = cache.GetAsync(CancellationToken.None).AsTask();
        await Eventually(() => _reads.Count == 1);
        _reads[0].SetException(new TimeoutException("the master did not answer"));
        await Assert.ThrowsAsync<TimeoutException>(() => first);

        var second = cache.GetAsync(CancellationToken.None).AsTask();
        await Eventually(() => _reads.Count == 2);
        _reads[1].SetResult(Map(8));
        Assert.Equal(8, (await second).Shards.Value);
    }

    [Fact]
    public async Task A_newer_map_that_a_shard_answers_with_is_routed_by_at_once_and_an_older_one_is_ignored()
    {
        var cache = NewCache();
        var first = cache.GetAsync(CancellationToken.None).AsTask();
        await Eventually(() => _reads.Count == 1);
        _reads[0].SetResult(Map(2, generation: 3));
        await first;

        cache.Observe(Map(4, generation: 4));
        Assert.Equal(4, (await cache.GetAsync(CancellationToken.None)).Shards.Value);
        cache.Observe(Map(8, generation: 2));
        Assert.Equal(4, (await cache.GetAsync(CancellationToken.None)).Shards.Value);
        Assert.Single(_reads);
    }

    private static Task Eventually(Func<bool> condition) => Eventually(() => Task.FromResult(condition()));

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 10 s");
            await Task.Delay(5);
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
