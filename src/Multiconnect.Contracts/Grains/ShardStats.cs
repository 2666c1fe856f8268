namespace Multiconnect.Contracts.Grains;

/// <summary>
/// A shard activation's counters, counted since it claimed its lease (a failover starts them again):
/// messages accepted (committed), sent (acknowledged by the upstream), 'delivered' receipts received,
/// and the backlog (accepted, not yet acknowledged upstream, including what it took over).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ShardStats(
    [property: Id(0)] ShardActivation Activation,
    [property: Id(1)] long Accepted,
    [property: Id(2)] long Sent,
    [property: Id(3)] long Delivered,
    [property: Id(4)] int Backlog);
