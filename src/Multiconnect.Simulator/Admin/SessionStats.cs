namespace Multiconnect.Simulator.Admin;

public sealed record SessionStats(
    string Id,
    long Epoch,
    int Shards,
    string? Client,
    DateTimeOffset OpenedAt,
    long Accepted,
    double MessagesPerSecond,
    int InboundInFlight);
