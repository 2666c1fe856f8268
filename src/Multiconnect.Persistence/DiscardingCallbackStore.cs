namespace Multiconnect.Persistence;

/// <summary>Development mode and in-process tests: there is no outbox and no webhook dispatcher, so callbacks are dropped.</summary>
public sealed class DiscardingCallbackStore : ICallbackStore
{
    public Task RecordStatusesAsync(IReadOnlyList<StatusUpdate> statuses, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RecordInboundAsync(int shardId, InboundMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
}
