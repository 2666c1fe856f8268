namespace Multiconnect.Contracts.Routing;

/// <summary>How many shards a business number's traffic is split into: 1, 2, 4, 8, 16 or 32.</summary>
[GenerateSerializer, Immutable]
public readonly record struct ShardCount
{
    public static readonly IReadOnlyList<int> Allowed = [1, 2, 4, 8, 16, 32];

    public static readonly ShardCount One = new(1);

    public static readonly ShardCount Max = new(32);

    [Id(0)]
    public int Value { get; }

    private ShardCount(int value) => Value = value;

    public static bool IsAllowed(int value) => value is > 0 and <= 32 && (value & (value - 1)) == 0;

    public static bool TryCreate(int value, out ShardCount shardCount)
    {
        shardCount = IsAllowed(value) ? new ShardCount(value) : default;
        return IsAllowed(value);
    }

    public static ShardCount From(int value) =>
        IsAllowed(value)
            ? new ShardCount(value)
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"A shard count is one of {string.Join(", ", Allowed)}.");

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
