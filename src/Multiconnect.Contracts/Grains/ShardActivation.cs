namespace Multiconnect.Contracts.Grains;

/// <summary>Where a shard is active and since when.</summary>
[GenerateSerializer, Immutable]
public sealed record ShardActivation(
    [property: Id(0)] int ShardId,
    [property: Id(1)] string SiloAddress,
    [property: Id(2)] string SiloName,
    [property: Id(3)] DateTimeOffset ActiveSince);
