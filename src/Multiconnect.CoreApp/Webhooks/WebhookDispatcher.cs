using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Multiconnect.CoreApp.Retention;
using Multiconnect.Persistence;
using Npgsql;

namespace Multiconnect.CoreApp.Webhooks;

/// <summary>
/// Delivers the callbacks of webhook_outbox to the webhook, at least once, in order per conversation.
/// Runs on every CoreApp; one of them holds the <see cref="DispatcherRole"/> and dispatches, the others
/// wait to take over. The holder loops: record the turns that ended, find conversations whose oldest
/// callback is due, give each a turn (its next rows, POSTed one after another, stopping at the first
/// failure), and wait for a turn to end or for the poll interval. A failing conversation waits for its
/// backoff while the others go on; a failing webhook touches nothing but this table, so it never slows
/// message sending. The holder also runs the <see cref="RetentionPruner"/>, on the same connection.
/// </summary>
internal sealed class WebhookDispatcher(
    NpgsqlDataSource dataSource,
    PostgresCallbackStore callbacks,
    WebhookSender sender,
    IOptions<WebhookOptions> options,
    WebhookMetrics metrics,
    RetentionPruner pruner,
    string serviceId,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly WebhookOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DispatcherRole.TryTakeAsync(dataSource, serviceId, _options.HolderTimeout, stoppingToken) is { } role)
                {
                    logger.RoleTaken(serviceId);
                    using var stopPruning = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, role.Lost);
                    var pruning = RunPrunerAsync(role, stopPruning.Token);
                    try
                    {
                        await DispatchAsync(role, stoppingToken);
                    }
                    finally
                    {
                        await stopPruning.CancelAsync();
                        await pruning;
                        await role.DisposeAsync();
                        logger.RoleReleased(serviceId);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Never let a webhook problem stop the CoreApp (a failed hosted service stops the host).
                logger.DispatcherFailed(e.Message, e);
            }

            try
            {
                await Task.Delay(_options.StandbyInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The pruner, beside the dispatch loop, for as long as the role is held (it never throws).</summary>
    private Task RunPrunerAsync(DispatcherRole role, CancellationToken cancellationToken) =>
        Task.Run(() => pruner.RunAsync(role, cancellationToken), CancellationToken.None);

    private async Task DispatchAsync(DispatcherRole role, CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, role.Lost);
        var token = stop.Token;
        var finished = Channel.CreateUnbounded<ConversationTurn>(new UnboundedChannelOptions { SingleReader = true });
        var running = new Dictionary<string, Task>(StringComparer.Ordinal);
        long? measuredAt = null;
        var settings = ApplicationSettings.Default; // the last read: its concurrency and back-off hold until the next pass reads them again
        try
        {
            while (!token.IsCancellationRequested)
            {
                await RecordAsync(role, Collect(finished.Reader, running), settings, token);
                if (role.IsValid)
                {
                    if (running.Count < settings.MaxConcurrentRequests)
                    {
                        var busy = running.Keys.ToList();
                        var (target, rows) = await role.UseAsync(
                            (connection, ct) => callbacks.TakeDueAsync(connection, settings.MaxConcurrentRequests - busy.Count, _options.BatchSize, busy, ct), token);
                        if (target is not null)
                        {
                            settings = target.Settings;
                            foreach (var turn in rows.GroupBy(row => row.Conversation, StringComparer.Ordinal))
                            {
                                running[turn.Key] = RunTurnAsync([.. turn], target, role, finished.Writer, token);
                            }
                        }
                    }

                    if (measuredAt is not { } measured || Stopwatch.GetElapsedTime(measured) >= WebhookMetrics.MeasureBacklogEvery)
                    {
                        measuredAt = Stopwatch.GetTimestamp();
                        metrics.Backlog(await role.UseAsync((connection, ct) => callbacks.EstimateBacklogAsync(connection, ct), token));
                    }
                }

                await WaitForTurnAsync(finished.Reader, token);
            }
        }
        finally
        {
            metrics.Backlog(null);

            // Turns stop at their next row once the token is cancelled. What they delivered is recorded
            // while the role is still ours, so that a successor does not send it again.
            await Task.WhenAll(running.Values);
            var last = Collect(finished.Reader, running);
            if (last.Count > 0 && !role.Lost.IsCancellationRequested)
            {
                try
                {
                    await RecordAsync(role, last, settings, CancellationToken.None);
                }
                catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException or InvalidOperationException)
                {
                    // The successor sends these again: at least once.
                }
            }
        }
    }

    /// <summary>Delivers one conversation's rows in order, stopping at the first failure; never throws.</summary>
    private async Task RunTurnAsync(
        IReadOnlyList<OutboxRow> rows, WebhookTarget target, DispatcherRole role, ChannelWriter<ConversationTurn> finished, CancellationToken token)
    {
        List<long> delivered = [];
        DeliveryFailure? failure = null;
        foreach (var row in rows)
        {
            if (!role.IsValid || token.IsCancellationRequested)
            {
                break;
            }

            string? error;
            try
            {
                error = await sender.PostAsync(target.Url, row.Payload, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = e.Message;
            }

            if (error is not null)
            {
                failure = new DeliveryFailure(row.Seq, row.Attempts + 1, error);
                break;
            }

            delivered.Add(row.Seq);
        }

        finished.TryWrite(new ConversationTurn(rows[0].Conversation, delivered, failure));
    }

    private async Task RecordAsync(DispatcherRole role, List<ConversationTurn> turns, ApplicationSettings settings, CancellationToken token)
    {
        if (turns.Count == 0)
        {
            return;
        }

        await role.UseAsync((connection, ct) => PostgresCallbackStore.RecordTurnsAsync(connection, turns, settings.BackoffAfter, ct), token);
        metrics.Recorded(turns);
        foreach (var (conversation, failure) in turns.Where(t => t.Failure is not null).Select(t => (t.Conversation, t.Failure!)))
        {
            var backoff = settings.BackoffAfter(failure.Failures);
            if (failure.Failures == 1)
            {
                logger.DeliveryFailed(failure.Seq, conversation, failure.Failures, failure.Error, backoff);
            }
            else
            {
                logger.DeliveryFailedAgain(failure.Seq, conversation, failure.Failures, failure.Error, backoff);
            }
        }
    }

    /// <summary>The turns that ended since the last call; their conversations are free again.</summary>
    private static List<ConversationTurn> Collect(ChannelReader<ConversationTurn> finished, Dictionary<string, Task> running)
    {
        List<ConversationTurn> turns = [];
        while (finished.TryRead(out var turn))
        {
            running.Remove(turn.Conversation);
            turns.Add(turn);
        }

        return turns;
    }

    /// <summary>Returns when a turn ends, or after the poll interval.</summary>
    private async Task WaitForTurnAsync(ChannelReader<ConversationTurn> finished, CancellationToken token)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(token);
        poll.CancelAfter(_options.PollInterval);
        try
        {
            await finished.WaitToReadAsync(poll.Token);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            // The poll interval has passed.
        }
    }
}
