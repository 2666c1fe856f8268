using System.IO.Hashing;
using System.Text;

namespace Multiconnect.Contracts.Routing;

/// <summary>
/// shard = XxHash64(UTF-8 bytes of the canonical recipient id, seed 0) % shard count.
/// Stable across processes, machines and languages; see docs/routing.md for golden vectors.
/// </summary>
public static class ShardRouter
{
    public static ulong Hash(RecipientId recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        Span<byte> utf8 = stackalloc byte[RecipientId.MaxDigits];
        var length = Encoding.UTF8.GetBytes(recipient.Value, utf8);
        return XxHash64.HashToUInt64(utf8[..length], seed: 0);
    }

    public static int ShardFor(RecipientId recipient, ShardCount shards) =>
        (int)(Hash(recipient) % (ulong)shards.Value);

    /// <summary>
    /// The recipient's bucket: its hash modulo the largest shard count. Every allowed count divides it,
    /// so the recipient's shard under any count is <c>bucket % count</c>: a bucket moves between shards
    /// as a whole when the count changes, and the database can tell a row's shard under any count.
    /// </summary>
    public static int BucketFor(RecipientId recipient) => (int)(Hash(recipient) % (ulong)ShardCount.Max.Value);

    public static int ShardFor(int bucket, ShardCount shards) => bucket % shards.Value;
}
