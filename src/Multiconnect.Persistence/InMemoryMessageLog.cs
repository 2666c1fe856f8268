namespace Multiconnect.Persistence;

/// <summary>Development mode and in-process tests: the log in this process's memory, lost when it stops.</summary>
public sealed class InMemoryMessageLog : IMessageLog
{
    private readonly List<(int ShardId, PendingMessage Message, bool Sent)> _log = [];
    private readonly HashSet<string> _ids = [];
    private readonly Lock _lock = new();

    public Task<IReadOnlyList<PendingMessage>?> AppendAsync(int shardId, long epoch, IReadOnlyList<PendingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        lock (_lock)
        {
            var written = messages.Where(m => _ids.Add(m.Id)).ToList();
            _log.AddRange(written.Select(m => (shardId, m, false)));
            return Task.FromResult<IReadOnlyList<PendingMessage>?>(written);
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
}
