using Multiconnect.Contracts.Grains;

namespace Multiconnect.Grains;

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
