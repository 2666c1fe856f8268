namespace Multiconnect.Persistence;

/// <summary>
/// Development mode and in-process tests: the log in this process's memory, lost when it stops. Each
/// CoreApp process has its own, so nothing here fences: neither epochs nor generations are checked, and
/// a handover sees only this process's rows. Durability, fencing and order across changes of the shard
/// count are PostgreSQL's.
/// </summary>
public sealed class InMemoryMessageLog : IMessageLog
{
    private readonly List<(int ShardId, PendingMessage Message, bool Sent)> _log = [];
    private readonly HashSet<string> _ids = [];
    private readonly Lock _lock = new();

    public Task<AppendResult> AppendAsync(int shardId, long epoch, long generation, IReadOnlyList<PendingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        lock (_lock)
        {
            var written = messages.Where(m => _ids.Add(m.Id)).Select(m => m with { Generation = generation }).ToList();
            _log.AddRange(written.Select(m => (shardId, m, false)));
            return Task.FromResult(new AppendResult(true, generation, written));
        }
    }

    public Task<IReadOnlyList<PendingMessage>> PendingAsync(int shardId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<PendingMessage>>([.. _log.Where(e => e.ShardId == shardId && !e.Sent).Select(e => e.Message)]);
        }
    }

    public Task MarkSentAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        lock (_lock)
        {
            var sent = ids.ToHashSet();
            for (var i = 0; i < _log.Count; i++)
            {
                if (sent.Contains(_log[i].Message.Id))
                {
                    _log[i] = _log[i] with { Sent = true };
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task MarkRefusedAsync(string id, string refusal, CancellationToken cancellationToken) => MarkSentAsync([id], cancellationToken);

    public Task<IReadOnlyDictionary<int, long>> BlockedBucketsAsync(int shardId, long generation, IReadOnlyCollection<int> buckets, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyDictionary<int, long>>(_log
                .Where(e => !e.Sent && e.ShardId != shardId && e.Message.Generation < generation && buckets.Contains(e.Message.Bucket))
                .GroupBy(e => e.Message.Bucket)
                .ToDictionary(g => g.Key, g => g.Min(e => e.Message.Generation)));
        }
    }

    public Task<IReadOnlyList<int>> ShardsWithPendingAsync(int fromShardId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<int>>([.. _log.Where(e => !e.Sent && e.ShardId >= fromShardId).Select(e => e.ShardId).Distinct().Order()]);
        }
    }
}
