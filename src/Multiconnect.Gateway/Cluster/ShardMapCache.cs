using Multiconnect.Contracts.Grains;

namespace Multiconnect.Gateway.Cluster;

/// <summary>
/// The shard map for routing (count and generation), kept off the send path: once read, a send uses the
/// map read last, and a map older than <c>freshFor</c> is read again from the master in the
/// background (one read at a time) while sends go on. So no send waits on the master, which may be
/// failing over with a crashed CoreApp. After a change of count a gateway may route by the old map for
/// about that long; the shard is the judge: it answers "moved" with the map in force, which
/// <see cref="Observe"/> takes at once. Only the first send of a gateway waits for a read.
/// </summary>
public sealed partial class ShardMapCache(Func<Task<ShardMapView>> readFromMaster, TimeProvider clock, TimeSpan freshFor, ILogger<ShardMapCache> logger)
{
    private readonly Lock _lock = new();
    private Reading? _last;
    private Task<ShardMapView>? _reading;

    public async ValueTask<ShardMapView> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _last) is not { } last)
        {
            return await ReadOnceAsync().WaitAsync(cancellationToken);
        }

        if (clock.GetUtcNow() - last.ReadAt >= freshFor)
        {
            _ = RefreshInBackgroundAsync();
        }

        return last.Map;
    }

    /// <summary>A shard said the map in force is <paramref name="map"/>: routing follows it at once if it is newer.</summary>
    public void Observe(ShardMapView map)
    {
        ArgumentNullException.ThrowIfNull(map);
        lock (_lock)
        {
            if (_last is null || map.Generation > _last.Map.Generation)
            {
                Volatile.Write(ref _last, new Reading(map, clock.GetUtcNow()));
            }
        }
    }

    /// <summary>The read in progress, or a new one: every caller shares it, and its failure.</summary>
    private Task<ShardMapView> ReadOnceAsync()
    {
        lock (_lock)
        {
            return _reading ??= ReadAsync();
        }
    }

    private async Task<ShardMapView> ReadAsync()
    {
        await Task.Yield(); // never finish inside ReadOnceAsync's lock, before _reading is set
        try
        {
            var map = await readFromMaster();
            lock (_lock)
            {
                // The master's answer is fresh, unless a shard has already told of a newer generation.
                if (_last is null || map.Generation >= _last.Map.Generation)
                {
                    Volatile.Write(ref _last, new Reading(map, clock.GetUtcNow()));
                }

                return _last.Map;
            }
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

    private sealed record Reading(ShardMapView Map, DateTimeOffset ReadAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the shard map from the master; routing goes on with the last one read")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
