namespace Multiconnect.Persistence;

/// <summary>The fence around shard ownership: claiming bumps the epoch, so an older holder is refused from then on.</summary>
public interface IShardLeaseStore
{
    /// <summary>Takes the shard's lease for this silo with a new, higher epoch; whoever held it before is fenced out.</summary>
    Task<ShardLease> ClaimAsync(int shardId, string ownerSilo, string ownerName, CancellationToken cancellationToken);

    /// <summary>
    /// Confirms the holder still holds the lease at its epoch. False means it was replaced: the refusal
    /// is recorded, and the caller must stop acting for the shard.
    /// </summary>
    Task<bool> RenewAsync(ShardLease lease, CancellationToken cancellationToken);

    /// <summary>Gives the lease up (the shard is retired or moved); a no-op if someone newer holds it.</summary>
    Task ReleaseAsync(ShardLease lease, CancellationToken cancellationToken);

    Task<IReadOnlyList<ShardLease>> ListAsync(CancellationToken cancellationToken);
}
