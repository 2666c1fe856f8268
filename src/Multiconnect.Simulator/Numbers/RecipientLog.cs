using Multiconnect.Contracts.Routing;
using Multiconnect.Upstream;

namespace Multiconnect.Simulator.Numbers;

/// <summary>What one recipient has received from one business number: message ids in delivery order, and the highest sequence.</summary>
public sealed class RecipientLog(RecipientId recipient)
{
    private readonly List<string> _delivered = [];
    private long _highestSequence = -1;

    public RecipientId Recipient { get; } = recipient;

    /// <summary>The routing hash, computed once: the shard is Hash % shard count.</summary>
    public ulong Hash { get; } = ShardRouter.Hash(recipient);

    public int ShardFor(int shards) => (int)(Hash % (ulong)shards);

    /// <summary>Records a new message; true when its body's sequence is not above the highest seen (out of order).</summary>
    public bool Record(string id, string body, bool delivered)
    {
        var hasSequence = MessageSequence.TryRead(body, out var sequence);
        lock (_delivered)
        {
            if (delivered)
            {
                _delivered.Add(id);
            }

            if (!hasSequence)
            {
                return false;
            }

            // The same n again under another id is a client's re-send of a message whose first try it
            // never heard back about (both are delivered): repeated, not reordered.
            if (sequence < _highestSequence)
            {
                return true;
            }

            _highestSequence = sequence;
            return false;
        }
    }

    public (IReadOnlyList<string> Ids, long HighestSequence) Snapshot()
    {
        lock (_delivered)
        {
            return ([.. _delivered], _highestSequence);
        }
    }

    public int DeliveredCount
    {
        get
        {
            lock (_delivered)
            {
                return _delivered.Count;
            }
        }
    }
}
