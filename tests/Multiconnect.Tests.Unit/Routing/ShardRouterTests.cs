using Multiconnect.Contracts.Routing;

namespace Multiconnect.Tests.Unit.Routing;

public sealed class ShardRouterTests
{
    /// <summary>
    /// Golden vectors, computed by an independent XXH64 implementation written from the published
    /// algorithm (not by the code under test). The same table is in docs/routing.md.
    /// Columns: recipient, XxHash64, shard for 1, 2, 4, 8, 16 and 32 shards.
    /// </summary>
    public static TheoryData<string, ulong, int, int, int, int, int, int> GoldenVectors => new()
    {
        { "16315551234", 0x2905809659ea4feaUL, 0, 0, 2, 2, 10, 10 },
        { "16315550000", 0x4ef47e2fcac52218UL, 0, 0, 0, 0, 8, 24 },
        { "447700900123", 0x85daeb69b8e0119dUL, 0, 1, 1, 5, 13, 29 },
        { "4915112345678", 0x880c48782b0ddedfUL, 0, 1, 3, 7, 15, 31 },
        { "5511987654321", 0x7871a2206e869b91UL, 0, 1, 1, 1, 1, 17 },
        { "919876543210", 0x064f7e14c41a78d0UL, 0, 0, 0, 0, 0, 16 },
        { "8613800138000", 0xb8c9ac28efd44c51UL, 0, 1, 1, 1, 1, 17 },
        { "61412345678", 0x03a437e0ba3a4033UL, 0, 1, 3, 3, 3, 19 },
        { "27821234567", 0xbed8055e5f2cd89aUL, 0, 0, 2, 2, 10, 26 },
        { "33612345678", 0xc13d34a683935cb0UL, 0, 0, 0, 0, 0, 16 },
        { "12025550123", 0x3c6b9f543f497ea3UL, 0, 1, 3, 3, 3, 3 },
        { "971501234567", 0x582346d7f4815982UL, 0, 0, 2, 2, 2, 2 },
    };

    [Theory]
    [MemberData(nameof(GoldenVectors))]
    public void Shard_of_a_recipient_matches_the_published_vectors(
        string recipient, ulong hash, int of1, int of2, int of4, int of8, int of16, int of32)
    {
        var id = RecipientId.Parse(recipient);

        Assert.Equal(hash, ShardRouter.Hash(id));
        int[] expected = [of1, of2, of4, of8, of16, of32];
        Assert.Equal(expected, ShardCount.Allowed.Select(n => ShardRouter.ShardFor(id, ShardCount.From(n))));
    }

    [Fact]
    public void Written_forms_of_one_number_route_to_the_same_shard()
    {
        var canonical = RecipientId.Parse("16315551234");
        foreach (var written in new[] { "+1 631 555 1234", "+1 (631) 555-1234", "1.631.555.1234", " 16315551234 " })
        {
            var id = RecipientId.Parse(written);
            Assert.Equal(canonical, id);
            Assert.Equal(ShardRouter.ShardFor(canonical, ShardCount.From(32)), ShardRouter.ShardFor(id, ShardCount.From(32)));
        }
    }

    [Fact]
    public void Doubling_the_shard_count_moves_only_split_recipients()
    {
        // With hash % N, doubling N sends each recipient of shard i to i or i + N: nowhere else.
        for (var n = 1; n < 32; n *= 2)
        {
            for (var number = 16315550000L; number < 16315551000L; number++)
            {
                var id = RecipientId.Parse(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var before = ShardRouter.ShardFor(id, ShardCount.From(n));
                var after = ShardRouter.ShardFor(id, ShardCount.From(n * 2));
                Assert.True(after == before || after == before + n, $"{id}: shard {before} of {n} became {after} of {n * 2}");
            }
        }
    }

    [Fact]
    public void Recipients_spread_over_every_shard()
    {
        var counts = new int[32];
        for (var number = 447700900000L; number < 447700903200L; number++)
        {
            counts[ShardRouter.ShardFor(RecipientId.Parse(number.ToString(System.Globalization.CultureInfo.InvariantCulture)), ShardCount.From(32))]++;
        }

        // 3,200 recipients, 100 per shard on average: each shard gets a fair share.
        Assert.All(counts, count => Assert.InRange(count, 60, 140));
    }
}
