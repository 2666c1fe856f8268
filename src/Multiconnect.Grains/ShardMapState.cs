using Multiconnect.Contracts.Grains;

namespace Multiconnect.Grains;

/// <summary>
/// Where versions before the table shard_maps kept the shard map (Orleans grain state). Only read, once,
/// by a master that finds shard_maps empty, to carry the map over; never written.
/// </summary>
[GenerateSerializer]
public sealed class ShardMapState
{
    [Id(0)]
    public int ShardCount { get; set; } = 1;

    [Id(1)]
    public long Generation { get; set; }

    [Id(2)]
    public DateTimeOffset? ChangedAt { get; set; }

    [Id(3)]
    public BusinessAccount? Account { get; set; }
}
