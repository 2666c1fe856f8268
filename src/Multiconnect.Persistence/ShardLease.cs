namespace Multiconnect.Persistence;

/// <summary>
/// A shard's lease as its holder knows it: the shard, the epoch it claimed, and when. <see cref="TakenFrom"/>:
/// on a claim, the node that still held the lease (it crashed or hung rather than giving it up); null otherwise.
/// </summary>
public sealed record ShardLease(int ShardId, long Epoch, string OwnerSilo, string OwnerName, DateTimeOffset ClaimedAt, string? TakenFrom = null);
