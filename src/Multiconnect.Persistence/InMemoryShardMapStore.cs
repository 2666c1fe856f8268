using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;

namespace Multiconnect.Persistence;

/// <summary>
/// Development mode and in-process tests: the shard map in this process's memory, the master's. Shards
/// on other processes cannot read it: in development mode they ask the master (MasterShardMapSource).
/// </summary>
public sealed class InMemoryShardMapStore : IShardMapStore
{
    /// <summary>One map for all silos of the process (in-process test clusters host several).</summary>
    public static readonly InMemoryShardMapStore Shared = new();

    private readonly Lock _lock = new();
    private ShardMapView _map = new(ShardCount.One, 0, null, null);

    public Task<ShardMapView> ReadAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_map);
        }
    }

    public Task<ShardMapView> ChangeAsync(ShardCount shards, BusinessAccount account, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var numberChanged = _map.Account is { } stored && !stored.Is(account.Cc, account.PhoneNumber);
            _map = shards == _map.Shards && !numberChanged
                ? _map with { Account = account }
                : new ShardMapView(shards, _map.Generation + 1, DateTimeOffset.UtcNow, account) { NumberSince = numberChanged ? _map.Generation + 1 : _map.NumberSince };
            return Task.FromResult(_map);
        }
    }
}
