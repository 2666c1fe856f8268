using Multiconnect.Persistence;

namespace Multiconnect.Grains.Messaging;

/// <summary>
/// Keeps per-recipient order across changes of the shard count, on a shard that gained recipients
/// (pure logic; not thread-safe: its owner locks). Recipients move by bucket. The rule: a message for
/// a bucket accepted under generation g may be sent once no other shard holds an unsent message for
/// that bucket accepted under a generation older than g. A bucket that another shard still has such
/// messages for is held: its messages wait here, in order, and go as <see cref="Release"/> learns the
/// oldest generation still unsent elsewhere. Buckets that are not held are never paused. Since each
/// wait is for strictly older generations, waits cannot form a cycle, however changes chain.
/// See docs/resharding.md.
/// </summary>
public sealed class HandoverGate
{
    private readonly Dictionary<int, Queue<PendingMessage>> _held = [];

    /// <summary>The buckets held now.</summary>
    public IReadOnlyCollection<int> HeldBuckets => _held.Keys;

    /// <summary>Messages waiting for their bucket to be released.</summary>
    public int Waiting { get; private set; }

    /// <summary>Holds <paramref name="bucket"/>: from now on its messages wait until released.</summary>
    public void Hold(int bucket) => _held.TryAdd(bucket, new Queue<PendingMessage>());

    /// <summary>True when <paramref name="message"/> may be sent now; otherwise it waits for its bucket's release.</summary>
    public bool TryPass(PendingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_held.TryGetValue(message.Bucket, out var waiting))
        {
            return true;
        }

        waiting.Enqueue(message);
        Waiting++;
        return false;
    }

    /// <summary>
    /// Another shard's oldest unsent message for <paramref name="bucket"/> was accepted under
    /// <paramref name="oldestElsewhere"/> (null: it has none older than the current generation). Returns
    /// the waiting messages that may now go, in the order they came: those accepted under that
    /// generation or an older one, or all of them (and the bucket flows freely from now on) when null.
    /// </summary>
    public IReadOnlyList<PendingMessage> Release(int bucket, long? oldestElsewhere)
    {
        if (!_held.TryGetValue(bucket, out var waiting))
        {
            return [];
        }

        var released = new List<PendingMessage>();
        while (waiting.TryPeek(out var next) && (oldestElsewhere is null || next.Generation <= oldestElsewhere))
        {
            released.Add(waiting.Dequeue());
        }

        if (oldestElsewhere is null)
        {
            _held.Remove(bucket);
        }

        Waiting -= released.Count;
        return released;
    }
}
