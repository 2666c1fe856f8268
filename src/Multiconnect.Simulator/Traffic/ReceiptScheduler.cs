using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Multiconnect.Simulator.Numbers;
using Multiconnect.Upstream;
using Multiconnect.Upstream.Frames;

namespace Multiconnect.Simulator.Traffic;

/// <summary>
/// Sends receipts at their configured delays after acceptance. Three stages (sent or failed,
/// delivered, read), each a FIFO queue: the delay of a stage is fixed, so its queue is in due order,
/// and a message reaches the next stage only after the previous one, so a message's receipts keep
/// their order.
/// </summary>
public sealed class ReceiptScheduler : BackgroundService
{
    private readonly ReceiptOptions _options;
    private readonly TimeProvider _clock;
    private readonly Channel<Scheduled>[] _stages = [.. Enumerable.Range(0, 3).Select(_ => Channel.CreateUnbounded<Scheduled>())];
    private readonly long[] _delays;

    public ReceiptScheduler(IOptions<SimulatorOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Receipts;
        _clock = clock;
        _delays = [.. new[] { _options.SentDelay, _options.DeliveredDelay, _options.ReadDelay }
            .Select(delay => (long)(delay.TotalSeconds * Stopwatch.Frequency))];
    }

    public ReceiptPlan Plan()
    {
        if (!_options.Enabled)
        {
            return ReceiptPlan.None;
        }

        if (_options.FailedRatio > 0 && Random.Shared.NextDouble() < _options.FailedRatio)
        {
            return ReceiptPlan.Failed;
        }

        var plan = ReceiptPlan.Sent;
        if (_options.DeliveredRatio >= 1 || Random.Shared.NextDouble() < _options.DeliveredRatio)
        {
            plan |= ReceiptPlan.Delivered;
            if (_options.ReadRatio >= 1 || (_options.ReadRatio > 0 && Random.Shared.NextDouble() < _options.ReadRatio))
            {
                plan |= ReceiptPlan.Read;
            }
        }

        return plan;
    }

    public void Schedule(BusinessNumber number, RecipientLog recipient, string id, ReceiptPlan plan)
    {
        if (plan != ReceiptPlan.None)
        {
            _stages[0].Writer.TryWrite(new Scheduled(Stopwatch.GetTimestamp(), number, recipient, id, plan));
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _stages.Length).Select(stage => RunStageAsync(stage, stoppingToken)));

    private async Task RunStageAsync(int stage, CancellationToken cancellationToken)
    {
        var queue = _stages[stage].Reader;
        try
        {
            while (await queue.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (queue.TryPeek(out var next))
                {
                    var early = next.AcceptedAt + _delays[stage] - Stopwatch.GetTimestamp();
                    if (early > 0)
                    {
                        await Task.Delay(Stopwatch.GetElapsedTime(0, early), _clock, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    queue.TryRead(out _);
                    Emit(stage, next);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Emit(int stage, Scheduled item)
    {
        var status = stage switch
        {
            0 => item.Plan.HasFlag(ReceiptPlan.Failed) ? ReceiptStatus.Failed : ReceiptStatus.Sent,
            1 => ReceiptStatus.Delivered,
            _ => ReceiptStatus.Read,
        };
        var now = _clock.GetUtcNow();
        var conversation = status is ReceiptStatus.Sent or ReceiptStatus.Delivered ? item.Recipient.ConversationAt(now) : null;
        item.Number.DeliverReceipt(item.Recipient, new ReceiptFrame(
            item.Id, item.Recipient.Recipient.Value, status, now.ToUnixTimeMilliseconds(),
            conversation, conversation is null ? null : new ReceiptPricing(Billable: true, "CBP", conversation.Origin)));
        var nextStage = stage switch
        {
            0 when item.Plan.HasFlag(ReceiptPlan.Delivered) => 1,
            1 when item.Plan.HasFlag(ReceiptPlan.Read) => 2,
            _ => -1,
        };
        if (nextStage > 0)
        {
            _stages[nextStage].Writer.TryWrite(item);
        }
    }

    private readonly record struct Scheduled(long AcceptedAt, BusinessNumber Number, RecipientLog Recipient, string Id, ReceiptPlan Plan);
}
