using Multiconnect.Contracts.Routing;

namespace Multiconnect.Gateway.Cluster;

/// <summary>
/// The shard count for routing, kept off the send path: once read, a send uses the count read last,
/// and a count older than a second is read again from the master in the background (one read at a
/// time) while sends go on. So no send waits on the master, which may be failing over with a crashed
/// CoreApp; the count cannot change meanwhile, since the master changes it. After a change of count
/// a gateway routes by the old one for about a second. Only the first send of a gateway waits for a read.
/// </summary>
public sealed partial class ShardCountCache(Func<Task<ShardCount>> readFromMaster, TimeProvider clock, ILogger<ShardCountCache> logger)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private Reading? _last;
    private Task<ShardCount>? _reading;

    public async ValueTask<ShardCount> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _last) is not { } last)
        {
            return await ReadOnceAsync().WaitAsync(cancellationToken);
        }

        if (clock.GetUtcNow() - last.ReadAt >= FreshFor)
        {
            _ = RefreshInBackgroundAsync();
        }

        return last.Shards;
    }

    /// <summary>The read in progress, or a new one: every caller shares it, and its failure.</summary>
    private Task<ShardCount> ReadOnceAsync()
    {
        lock (_lock)
        {
            return _reading ??= ReadAsync();
        }
    }

    private async Task<ShardCount> ReadAsync()
    {
        await Task.Yield(); // never finish inside ReadOnceAsync's lock, before _reading is set
        try
        {
            var shards = await readFromMaster();
            Volatile.Write(ref _last, new Reading(shards, clock.GetUtcNow()));
            return shards;
        }
        finally
        {
            lock (_lock)
            {
                _reading = null;
            }
        }
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await ReadOnceAsync();
        }
        catch (Exception e)
        {
            LogRefreshFailed(logger, e);
        }
    }

    private sealed record Reading(ShardCount Shards, DateTimeOffset ReadAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the shard count from the master; routing goes on with the last one read")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
