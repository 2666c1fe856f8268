namespace Multiconnect.Persistence;

/// <summary>
/// Development mode and in-process tests: leases in this process's memory, shared by every silo
/// hosted in it. Fences nothing across processes.
/// </summary>
public sealed class InMemoryShardLeaseStore : IShardLeaseStore
{
    public static InMemoryShardLeaseStore Shared { get; } = new();

    private readonly Dictionary<int, ShardLease> _leases = [];
    private readonly Lock _lock = new();

    public Task<ShardLease> ClaimAsync(int shardId, string ownerSilo, string ownerName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var held = _leases.TryGetValue(shardId, out var previous);
            var takenFrom = held && previous!.OwnerSilo is { Length: > 0 } silo && silo != ownerSilo ? previous.OwnerName : null;
            var lease = new ShardLease(shardId, held ? previous!.Epoch + 1 : 1, ownerSilo, ownerName, DateTimeOffset.UtcNow, takenFrom);
            _leases[shardId] = lease;
            return Task.FromResult(lease);
        }
    }

    public Task<bool> RenewAsync(ShardLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_lock)
        {
            return Task.FromResult(_leases.TryGetValue(lease.ShardId, out var current) && current == lease);
        }
    }

    public Task ReleaseAsync(ShardLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_lock)
        {
            if (_leases.TryGetValue(lease.ShardId, out var current) && current == lease)
            {
                _leases[lease.ShardId] = current with { OwnerSilo = "", OwnerName = "" };
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ShardLease>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ShardLease>>([.. _leases.Values.Where(l => l.OwnerSilo.Length > 0).OrderBy(l => l.ShardId)]);
        }
    }
}
