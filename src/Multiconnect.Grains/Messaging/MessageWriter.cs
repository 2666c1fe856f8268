using System.Threading.Channels;
using Multiconnect.Contracts.Grains;
using Multiconnect.Persistence;

namespace Multiconnect.Grains.Messaging;

/// <summary>
/// Group commit for one shard activation: appends that arrive while a batch is being written wait
/// and go together in the next one, so many concurrent sends cost one round-trip and one fsync.
/// A batch is written only while the shard's epoch still holds its lease, and only with the messages
/// whose recipients the shard owns in the current generation of the shard map: the others are
/// answered "moved". When the database says the map has moved on, the writer learns the new one
/// (which sets up the handover before anything is written under it) and tries the batch again.
/// A message the database refuses fails alone: a refused batch is written again in halves, in order,
/// until the refused message is by itself; the others are committed as if it had not been sent.
/// </summary>
public sealed class MessageWriter : IAsyncDisposable
{
    /// <summary>Changes of the map one batch may meet before it gives up; each is a change of count made meanwhile.</summary>
    private const int MaxMapChanges = 3;

    private readonly Channel<(PendingMessage Message, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(PendingMessage, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly IMessageLog _log;
    private readonly int _shardId;
    private readonly long _epoch;
    private readonly int _maxBatch;
    private readonly Func<ShardMapView> _map;
    private readonly Func<long, Task> _learnMap;
    private readonly Action<IReadOnlyList<PendingMessage>> _committed;
    private readonly Task _loop;

    public MessageWriter(
        IMessageLog log, int shardId, long epoch, int maxBatch,
        Func<ShardMapView> map, Func<long, Task> learnMap, Action<IReadOnlyList<PendingMessage>> committed)
    {
        (_log, _shardId, _epoch, _maxBatch, _map, _learnMap, _committed) = (log, shardId, epoch, maxBatch, map, learnMap, committed);
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
                await WriteAsync(batch);
            }
            catch (Exception e)
            {
                Fail(batch, e);
            }
        }
    }

    private async Task WriteAsync(List<(PendingMessage Message, TaskCompletionSource Done)> batch)
    {
        for (var changes = 0; ; changes++)
        {
            var map = _map();
            var moved = new ShardMovedException(map.Shards.Value, map.Generation);
            batch.RemoveAll(item => !map.Owns(_shardId, item.Message.Bucket) && item.Done.TrySetException(moved));
            if (batch.Count == 0)
            {
                return;
            }

            AppendResult result;
            try
            {
                result = await _log.AppendAsync(_shardId, _epoch, map.Generation, [.. batch.Select(b => b.Message)], CancellationToken.None);
            }
            catch (MessageRefusedException refused)
            {
                if (batch.Count == 1)
                {
                    Fail(batch, refused);
                    return;
                }

                // Halves in order keep the accepted order of the messages that are written.
                var half = batch.Count / 2;
                await WriteAsync(batch[..half]);
                await WriteAsync(batch[half..]);
                return;
            }

            if (!result.LeaseHeld)
            {
                Fail(batch, new ShardFencedException($"Shard {_shardId}: epoch {_epoch} no longer holds the lease"));
                return;
            }

            if (result.Accepted(map.Generation))
            {
                _committed(result.Written);
                foreach (var (_, done) in batch)
                {
                    done.TrySetResult();
                }

                return;
            }

            if (changes == MaxMapChanges)
            {
                Fail(batch, new ShardFencedException($"Shard {_shardId}: the shard map changed {MaxMapChanges} times during one append; retry"));
                return;
            }

            await _learnMap(result.CurrentGeneration);
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
