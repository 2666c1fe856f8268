using Multiconnect.Contracts.Routing;

namespace Multiconnect.Tests.Unit.Routing;

public sealed class ShardCountTests
{
    [Fact]
    public void Only_powers_of_two_up_to_32_are_shard_counts()
    {
        var allowed = Enumerable.Range(-2, 70).Where(ShardCount.IsAllowed);

        Assert.Equal([1, 2, 4, 8, 16, 32], allowed);
        Assert.Equal(ShardCount.Allowed, allowed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(-4)]
    public void Other_counts_cannot_be_made(int value)
    {
        Assert.False(ShardCount.TryCreate(value, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardCount.From(value));
    }
}
