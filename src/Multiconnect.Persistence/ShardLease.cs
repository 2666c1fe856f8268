namespace Multiconnect.Persistence;

/// <summary>A shard's lease as its holder knows it: the shard, the epoch it claimed, and when.</summary>
public sealed record ShardLease(int ShardId, long Epoch, string OwnerSilo, string OwnerName, DateTimeOffset ClaimedAt);
