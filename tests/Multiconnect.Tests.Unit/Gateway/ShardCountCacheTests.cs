using Microsoft.Extensions.Logging.Abstractions;
using Multiconnect.Contracts.Routing;
using Multiconnect.Gateway.Cluster;

namespace Multiconnect.Tests.Unit.Gateway;

public sealed class ShardCountCacheTests
{
    /// <summary>Far longer than a cached answer takes; a send that waited for the master would never come back.</summary>
    private static readonly TimeSpan NotWaiting = TimeSpan.FromSeconds(10);

    private readonly ManualClock _clock = new();
    private readonly List<TaskCompletionSource<ShardCount>> _reads = [];

    private ShardCountCache NewCache() => new(
        () =>
        {
            var read = new TaskCompletionSource<ShardCount>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_reads)
            {
                _reads.Add(read);
            }

            return read.Task;
        },
        _clock,
        NullLogger<ShardCountCache>.Instance);

    [Fact]
    public async Task Only_the_first_send_waits_for_the_master()
    {
        var cache = NewCache();
        var first = cache.GetAsync(CancellationToken.None).AsTask();
        await Eventually(() => _reads.Count == 1);
        Assert.False(first.IsCompleted);
        _reads[0].SetResult(ShardCount.From(2));
        Assert.Equal(2, (await first).Value);
        Assert.Equal(2, (await cache.GetAsync(CancellationToken.None)).Value);
        Assert.Single(_reads);
    }

    [Fact]
    public async Task A_stale_count_is_used_while_the_master_does_not_answer_and_replaced_once_it_does()
    {
        var cache = NewCache();
        var first = cache.GetAsync(CancellationToken.None).AsTask();
        await Eventually(() => _reads.Count == 1);
        _reads[0].SetResult(ShardCount.From(2));
        await first;

        // The master is failing over: its read hangs, sends go on with the count they have, one read at a time.
        _clock.Now += ShardCountCache.FreshFor + TimeSpan.FromMilliseconds(1);
        Assert.Equal(2, (await cache.GetAsync(CancellationToken.None).AsTask().WaitAsync(NotWaiting)).Value);
        await Eventually(() => _reads.Count == 2);
        Assert.Equal(2, (await cache.GetAsync(CancellationToken.None).AsTask().WaitAsync(NotWaiting)).Value);
        Assert.Equal(2, _reads.Count);

        _reads[1].SetResult(ShardCount.From(4));
        await Eventually(async () => (await cache.GetAsync(CancellationToken.None)).Value == 4);
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
        _reads[1].SetResult(ShardCount.From(8));
        Assert.Equal(8, (await second).Value);
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
