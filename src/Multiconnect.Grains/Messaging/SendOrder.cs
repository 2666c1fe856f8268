using Multiconnect.Persistence;

namespace Multiconnect.Grains.Messaging;

/// <summary>
/// What one shard activation has to send, in the order it must go, and the only owner of that order:
/// what the upstream did not acknowledge on the last session first, then committed messages in accepted
/// order, except those of held buckets, which wait in a <see cref="HandoverGate"/> until released.
/// Thread-safe (one lock): the writer adds, the release loop releases, the delivery loop takes.
/// </summary>
public sealed class SendOrder
{
    private readonly Lock _lock = new();
    private readonly HandoverGate _gate = new();
    private readonly LinkedList<PendingMessage> _ready = new();
    private TaskCompletionSource? _waiting;
    private int _backlog;

    /// <summary>Messages accepted and not yet acknowledged by the upstream (waiting here or in flight).</summary>
    public int Backlog => Volatile.Read(ref _backlog);

    /// <summary>Buckets held now, and the messages waiting for them.</summary>
    public (int Buckets, int Messages) Held
    {
        get
        {
            lock (_lock)
            {
                return (_gate.HeldBuckets.Count, _gate.Waiting);
            }
        }
    }

    public int[] HeldBuckets()
    {
        lock (_lock)
        {
            return [.. _gate.HeldBuckets];
        }
    }

    /// <summary>Takes newly committed messages, in accepted order.</summary>
    public void Add(IReadOnlyList<PendingMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Interlocked.Add(ref _backlog, messages.Count);
        lock (_lock)
        {
            foreach (var message in messages.Where(_gate.TryPass))
            {
                _ready.AddLast(message);
            }
        }

        Wake();
    }

    /// <summary>Holds the messages for <paramref name="buckets"/> from now on, until released.</summary>
    public void Hold(IReadOnlyCollection<int> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        lock (_lock)
        {
            foreach (var bucket in buckets)
            {
                _gate.Hold(bucket);
            }
        }
    }

    /// <summary>
    /// Lets go, in order, the waiting messages of <paramref name="buckets"/> that nothing older elsewhere
    /// waits for (<paramref name="oldestElsewhere"/>: per bucket, the oldest generation another shard has
    /// unsent). Returns how many buckets now flow freely and how many messages went.
    /// </summary>
    public (int Buckets, int Messages) Release(IReadOnlyCollection<int> buckets, IReadOnlyDictionary<int, long> oldestElsewhere)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentNullException.ThrowIfNull(oldestElsewhere);
        var (freed, released) = (0, 0);
        lock (_lock)
        {
            foreach (var bucket in buckets)
            {
                foreach (var message in _gate.Release(bucket, oldestElsewhere.TryGetValue(bucket, out var oldest) ? oldest : null))
                {
                    _ready.AddLast(message);
                    released++;
                }

                freed += oldestElsewhere.ContainsKey(bucket) ? 0 : 1;
            }
        }

        Wake();
        return (freed, released);
    }

    /// <summary>The next message to send, if one is ready.</summary>
    public bool TryTake(out PendingMessage message)
    {
        lock (_lock)
        {
            if (_ready.First is { } first)
            {
                message = first.Value;
                _ready.RemoveFirst();
                return true;
            }
        }

        message = null!;
        return false;
    }

    /// <summary>Messages taken but not acknowledged (their session ended): they go first again, in the given order.</summary>
    public void PutBack(IReadOnlyList<PendingMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        lock (_lock)
        {
            for (var i = messages.Count - 1; i >= 0; i--)
            {
                _ready.AddFirst(messages[i]);
            }
        }

        Wake();
    }

    /// <summary>A message taken is done with: acknowledged by the upstream, or refused for good.</summary>
    public void Done() => Interlocked.Decrement(ref _backlog);

    /// <summary>Completes once a message is ready (at once if one is). For the one delivery loop; a wait it abandons does no harm.</summary>
    public Task WhenReadyAsync()
    {
        lock (_lock)
        {
            return _ready.Count > 0 ? Task.CompletedTask : (_waiting ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    private void Wake()
    {
        TaskCompletionSource? waiting;
        lock (_lock)
        {
            if (_ready.Count == 0 || _waiting is null)
            {
                return;
            }

            (waiting, _waiting) = (_waiting, null);
        }

        waiting.TrySetResult();
    }
}
