namespace Multiconnect.Persistence;

/// <summary>
/// Where a shard records what the upstream tells it — statuses, and messages users wrote — as
/// callbacks for the webhook (the webhook_outbox), durably, before it acknowledges anything upstream.
/// </summary>
public interface ICallbackStore
{
    Task RecordStatusesAsync(IReadOnlyList<StatusUpdate> statuses, CancellationToken cancellationToken);

    /// <summary>Stores the message and its callback once; a redelivered id changes nothing.</summary>
    Task RecordInboundAsync(int shardId, InboundMessage message, CancellationToken cancellationToken);
}
