namespace Multiconnect.Contracts.Grains;

/// <summary>Where a shard is active (its silo, and its node as "host:node-name"), the epoch its lease was claimed with, and since when.</summary>
[GenerateSerializer, Immutable]
public sealed record ShardActivation(
    [property: Id(0)] int ShardId,
    [property: Id(1)] SiloAddress Silo,
    [property: Id(2)] string Node,
    [property: Id(3)] long Epoch,
    [property: Id(4)] DateTimeOffset ActiveSince);
