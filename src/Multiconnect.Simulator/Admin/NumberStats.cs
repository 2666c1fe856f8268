namespace Multiconnect.Simulator.Admin;

/// <summary>The observer's view of one business number.</summary>
public sealed record NumberStats(
    string Number,
    int ShardCount,
    IReadOnlyDictionary<string, long> Counters,
    IReadOnlyDictionary<string, long> RefusedSessions,
    int InboundPending,
    int ReceiptsHeld,
    IReadOnlyList<ShardStats> Shards,
    string Standing);
