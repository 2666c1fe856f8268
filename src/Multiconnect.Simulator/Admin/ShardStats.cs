namespace Multiconnect.Simulator.Admin;

/// <summary>One shard id: its fence (the highest epoch seen) and its live session, if any.</summary>
public sealed record ShardStats(int Shard, long HighestEpoch, SessionStats? Session);
