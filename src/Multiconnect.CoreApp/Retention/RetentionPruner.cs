using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Multiconnect.CoreApp.Webhooks;
using Multiconnect.Persistence;
using Npgsql;

namespace Multiconnect.CoreApp.Retention;

/// <summary>
/// Deletes what has outlived its retention (<see cref="RetentionOptions"/>, and the callback settings of
/// <see cref="WebhookOptions"/>) while this CoreApp holds the webhook <see cref="DispatcherRole"/>: so one
/// CoreApp of the cluster prunes at a time, and its statements run on the role's connection, between
/// the dispatcher's, at no cost in connections. A pass takes each kind of row in turn, one batch each
/// (<see cref="RetentionOptions.BatchSize"/> rows, one statement of a few milliseconds), until none is
/// left past its retention, then waits <see cref="RetentionOptions.Interval"/>. Deleting is far faster than
/// writing (docs/benchmarks.md), so a pass catches up within moments of each wait.
/// </summary>
internal sealed class RetentionPruner(
    PostgresCallbackStore callbacks,
    PostgresMessageLog messages,
    PostgresShardLeaseStore leases,
    PostgresMediaStore media,
    IOptions<RetentionOptions> options,
    IOptions<WebhookOptions> webhooks,
    RetentionMetrics metrics,
    WebhookMetrics webhookMetrics,
    ILogger<RetentionPruner> logger)
{
    /// <summary>A pass that has not caught up by then reports and starts again at once, so its drops are logged at least this often.</summary>
    private static readonly TimeSpan PassLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most media files one statement deletes, whatever the batch size: a file may hold 100 MB of chunks,
    /// and deleting one of 64 MB took 13–28 ms here (docs/benchmarks.md, "Media storage"), so 4 of the
    /// largest take a fraction of a second: well within the dispatcher role's patience (a statement must
    /// end within half its HolderTimeout, 2.5 s by default) and of the callbacks waiting behind it.
    /// </summary>
    private const int MediaBatch = 4;

    private readonly RetentionOptions _options = options.Value;
    private readonly WebhookOptions _webhooks = webhooks.Value;

    /// <summary>Prunes until <paramref name="cancellationToken"/> is cancelled (the role is lost or the CoreApp stops); never throws.</summary>
    public async Task RunAsync(DispatcherRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(role);
        while (true)
        {
            var caughtUp = true;
            try
            {
                if (role.IsValid)
                {
                    caughtUp = await PassAsync(role, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A failed statement has also ended the role (DispatcherRole.UseAsync), and the token follows.
                logger.PrunerFailed(e.Message, e);
            }

            try
            {
                if (caughtUp)
                {
                    await Task.Delay(_options.Interval, cancellationToken);
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: batches of each kind of row in turn until none is left past retention; false if it stopped before that.</summary>
    private async Task<bool> PassAsync(DispatcherRole role, CancellationToken cancellationToken)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var pass = new Pass();
        // Each step deletes one batch and answers whether more may be left. Dropping beyond the callback
        // bounds comes first: it is what keeps the outbox from filling the disk.
        List<Func<NpgsqlConnection, CancellationToken, Task<bool>>> steps =
        [
            (connection, token) => DropUndeliveredCallbacksAsync(connection, pass, token),
            (connection, token) => DeleteDeliveredCallbacksAsync(connection, pass, token),
            (connection, token) => DeleteSentMessagesAsync(connection, pass, token),
            (connection, token) => DeleteInboundMessagesAsync(connection, pass, token),
            (connection, token) => DeleteFenceEventsAsync(connection, pass, token),
            (connection, token) => DeleteMediaAsync(connection, pass, token),
        ];
        try
        {
            while (steps.Count > 0 && role.IsValid && Stopwatch.GetElapsedTime(startedAt) < PassLimit)
            {
                foreach (var step in steps.ToList())
                {
                    if (!role.IsValid)
                    {
                        break;
                    }

                    if (!await role.UseAsync(step, cancellationToken))
                    {
                        steps.Remove(step);
                    }
                }
            }
        }
        finally
        {
            Report(pass, Stopwatch.GetElapsedTime(startedAt));
        }

        return steps.Count == 0;
    }

    private async Task<bool> DropUndeliveredCallbacksAsync(NpgsqlConnection connection, Pass pass, CancellationToken cancellationToken)
    {
        var dropped = await callbacks.DropUndeliveredCallbacksAsync(
            connection, _webhooks.MaxPendingAge, _webhooks.MaxPendingCallbacks, _options.BatchSize, cancellationToken);
        webhookMetrics.Dropped("age", dropped.ByAge.Count);
        webhookMetrics.Dropped("count", dropped.ByCount.Count);
        pass.DroppedByAge = pass.DroppedByAge.Add(dropped.ByAge);
        pass.DroppedByCount = pass.DroppedByCount.Add(dropped.ByCount);
        return dropped.Count >= _options.BatchSize;
    }

    private async Task<bool> DeleteDeliveredCallbacksAsync(NpgsqlConnection connection, Pass pass, CancellationToken cancellationToken)
    {
        var deleted = await callbacks.DeleteDeliveredCallbacksAsync(connection, _webhooks.DeliveredRetention, _options.BatchSize, cancellationToken);
        metrics.Deleted("webhook_outbox", deleted);
        pass.DeliveredCallbacks += deleted;
        return deleted >= _options.BatchSize;
    }

    private async Task<bool> DeleteSentMessagesAsync(NpgsqlConnection connection, Pass pass, CancellationToken cancellationToken)
    {
        var deleted = await messages.DeleteSentMessagesAsync(connection, _options.SentMessages, _options.BatchSize, cancellationToken);
        metrics.Deleted("messages_out", deleted);
        pass.SentMessages += deleted;
        return deleted >= _options.BatchSize;
    }

    /// <summary>Pages through the users' messages past retention; those whose callback still waits are passed over until the next pass.</summary>
    private async Task<bool> DeleteInboundMessagesAsync(NpgsqlConnection connection, Pass pass, CancellationToken cancellationToken)
    {
        var page = await callbacks.DeleteInboundMessagesAsync(connection, _options.InboundMessages, pass.InboundAfter, _options.BatchSize, cancellationToken);
        metrics.Deleted("messages_in", page.Deleted);
        pass.InboundMessages += page.Deleted;
        pass.InboundAfter = page.Last ?? pass.InboundAfter;
        return page.Read >= _options.BatchSize;
    }

    private async Task<bool> DeleteFenceEventsAsync(NpgsqlConnection connection, Pass pass, CancellationToken cancellationToken)
    {
        var deleted = await leases.DeleteFenceEventsAsync(connection, _options.FenceEvents, _options.BatchSize, cancellationToken);
        metrics.Deleted("shard_fence_events", deleted);
        pass.FenceEvents += deleted;
        return deleted >= _options.BatchSize;
    }

    private async Task<bool> DeleteMediaAsync(NpgsqlConnection connection, Pass pass, CancellationToken cancellationToken)
    {
        var limit = Math.Min(_options.BatchSize, MediaBatch);
        var deleted = await media.DeleteExpiredMediaAsync(connection, _options.Media, limit, cancellationToken);
        metrics.Deleted("media", deleted);
        pass.MediaFiles += deleted;
        return deleted >= limit;
    }

    /// <summary>Drops are warnings, once per pass with their range of seq; routine deletions are counted in the metric and logged at debug level.</summary>
    private void Report(Pass pass, TimeSpan elapsed)
    {
        if (pass.DroppedByAge.Count > 0)
        {
            logger.DroppedByAge(pass.DroppedByAge.Count, pass.DroppedByAge.First, pass.DroppedByAge.Last, _webhooks.MaxPendingAge);
        }

        if (pass.DroppedByCount.Count > 0)
        {
            logger.DroppedByCount(pass.DroppedByCount.Count, pass.DroppedByCount.First, pass.DroppedByCount.Last, _webhooks.MaxPendingCallbacks);
        }

        if (pass.SentMessages + pass.DeliveredCallbacks + pass.InboundMessages + pass.FenceEvents + pass.MediaFiles > 0)
        {
            logger.PassDone(pass.SentMessages, pass.DeliveredCallbacks, pass.InboundMessages, pass.FenceEvents, pass.MediaFiles, (long)elapsed.TotalMilliseconds);
        }
    }

    /// <summary>What one pass has done so far, and where its page through the users' messages stands.</summary>
    private sealed class Pass
    {
        public long SentMessages { get; set; }

        public long DeliveredCallbacks { get; set; }

        public long InboundMessages { get; set; }

        public long FenceEvents { get; set; }

        public long MediaFiles { get; set; }

        public SeqRange DroppedByAge { get; set; } = SeqRange.Empty;

        public SeqRange DroppedByCount { get; set; } = SeqRange.Empty;

        public DateTime? InboundAfter { get; set; }
    }
}
