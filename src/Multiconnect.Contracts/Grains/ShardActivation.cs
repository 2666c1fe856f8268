namespace Multiconnect.Contracts.Grains;

/// <summary>
/// Where a shard is active (its silo, and its node as "host:node-name"), the epoch its lease was claimed
/// with, and since when; the generation of the shard map it acts under, and its part in a handover:
/// buckets of recipients it gained whose earlier messages another shard still delivers (their sends
/// held meanwhile), whether it is draining (its id is beyond the count; it retires once delivered), and
/// its session's state (<see cref="UpstreamStatus"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ShardActivation(
    [property: Id(0)] int ShardId,
    [property: Id(1)] SiloAddress Silo,
    [property: Id(2)] string Node,
    [property: Id(3)] long Epoch,
    [property: Id(4)] DateTimeOffset ActiveSince,
    [property: Id(5)] long Generation = 0,
    [property: Id(6)] int HeldBuckets = 0,
    [property: Id(7)] int HeldMessages = 0,
    [property: Id(8)] bool Draining = false,
    [property: Id(9)] string Upstream = UpstreamStatus.Connecting);
