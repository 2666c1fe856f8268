using Multiconnect.Persistence;

namespace Multiconnect.Grains.Messaging;

/// <summary>
/// Keeps per-recipient order across a change of the shard count, on the shard that gains recipients
/// (pure logic; not thread-safe: its owner locks). Recipients move by bucket. While a bucket is held
/// (another shard still has to deliver messages it accepted for it under an older generation), this
/// shard's messages for it that were accepted under the hold's generation or later wait, in order;
/// older ones (accepted when this shard owned the bucket before, so earlier than anything the other
/// shard holds) pass. Once released, the waiting ones go first, in order, then the bucket flows freely.
/// Buckets that are not held are never paused. See docs/resharding.md.
/// </summary>
public sealed class HandoverGate
{
    private readonly Dictionary<int, HeldBucket> _held = [];

    /// <summary>The buckets held now.</summary>
    public IReadOnlyCollection<int> HeldBuckets => _held.Keys;

    /// <summary>Messages waiting for their bucket to be released.</summary>
    public int Waiting { get; private set; }

    /// <summary>Holds <paramref name="bucket"/> from <paramref name="generation"/> on; a bucket held already keeps its earlier generation.</summary>
    public void Hold(int bucket, long generation)
    {
        if (_held.TryGetValue(bucket, out var hold))
        {
            hold.Generation = Math.Min(hold.Generation, generation);
        }
        else
        {
            _held[bucket] = new HeldBucket(generation);
        }
    }

    /// <summary>True when <paramref name="message"/> may be sent now; otherwise it waits for its bucket's release.</summary>
    public bool TryPass(PendingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_held.TryGetValue(message.Bucket, out var hold) || (message.Generation < hold.Generation && hold.Waiting.Count == 0))
        {
            return true;
        }

        hold.Waiting.Enqueue(message);
        Waiting++;
        return false;
    }

    /// <summary>Releases <paramref name="bucket"/>: its waiting messages, in the order they came, to be sent before any later one.</summary>
    public IReadOnlyList<PendingMessage> Release(int bucket)
    {
        if (!_held.Remove(bucket, out var hold))
        {
            return [];
        }

        Waiting -= hold.Waiting.Count;
        return [.. hold.Waiting];
    }

    private sealed class HeldBucket(long generation)
    {
        public long Generation { get; set; } = generation;

        public Queue<PendingMessage> Waiting { get; } = new();
    }
}
