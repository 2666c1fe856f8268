using System.Threading.Channels;
using Multiconnect.Contracts.Grains;
using Multiconnect.Persistence;

namespace Multiconnect.Grains.Messaging;

/// <summary>
/// Group commit for one shard activation: appends that arrive while a batch is being written wait
/// and go together in the next one, so many concurrent sends cost one round-trip and one fsync.
/// A batch is written only while the shard's epoch still holds its lease.
/// </summary>
internal sealed class MessageWriter : IAsyncDisposable
{
    private readonly Channel<(PendingMessage Message, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(PendingMessage, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly IMessageLog _log;
    private readonly int _shardId;
    private readonly long _epoch;
    private readonly int _maxBatch;
    private readonly Action<IReadOnlyList<PendingMessage>> _committed;
    private readonly Task _loop;

    public MessageWriter(IMessageLog log, int shardId, long epoch, int maxBatch, Action<IReadOnlyList<PendingMessage>> committed)
    {
        (_log, _shardId, _epoch, _maxBatch, _committed) = (log, shardId, epoch, maxBatch, committed);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Completes once the message is committed.</summary>
    public Task AppendAsync(PendingMessage message)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite((message, done))
            ? done.Task
            : Task.FromException(new ShardFencedException($"Shard {_shardId} (epoch {_epoch}) is stopping"));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<(PendingMessage Message, TaskCompletionSource Done)>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                var written = await _log.AppendAsync(_shardId, _epoch, [.. batch.Select(b => b.Message)], CancellationToken.None);
                if (written is null)
                {
                    Fail(batch, new ShardFencedException($"Shard {_shardId}: epoch {_epoch} no longer holds the lease"));
                    continue;
                }

                _committed(written);
                foreach (var (_, done) in batch)
                {
                    done.TrySetResult();
                }
            }
            catch (Exception e)
            {
                Fail(batch, e);
            }
        }
    }

    private static void Fail(List<(PendingMessage Message, TaskCompletionSource Done)> batch, Exception e)
    {
        foreach (var (_, done) in batch)
        {
            done.TrySetException(e);
        }
    }
}
