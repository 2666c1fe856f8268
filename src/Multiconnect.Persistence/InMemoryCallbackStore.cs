namespace Multiconnect.Persistence;

/// <summary>
/// Development mode and in-process tests: the application settings live in this one process and are
/// lost when it stops; there is no outbox and no webhook dispatcher, so callbacks are dropped, the
/// backlog is always 0, and no inbound message is kept for the gateway to find.
/// </summary>
public sealed class InMemoryCallbackStore : ICallbackStore, IWebhookStore, IInboundMessages
{
    private readonly Lock _lock = new();
    private ApplicationSettings _settings = ApplicationSettings.Default;

    public Task RecordStatusesAsync(IReadOnlyList<StatusUpdate> statuses, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RecordInboundAsync(int shardId, InboundMessage message, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<ApplicationSettings> GetSettingsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_settings);
        }
    }

    public Task<ApplicationSettings> UpdateSettingsAsync(ApplicationSettingsPatch patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        lock (_lock)
        {
            _settings = patch.ApplyTo(_settings);
            return Task.FromResult(_settings);
        }
    }

    public Task<ApplicationSettings> ResetSettingsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _settings = ApplicationSettings.Default;
            return Task.FromResult(_settings);
        }
    }

    public Task<long> EstimateBacklogAsync(CancellationToken cancellationToken) => Task.FromResult(0L);

    public Task<int?> ShardOfAsync(string id, CancellationToken cancellationToken) => Task.FromResult<int?>(null);

    public Task MarkedReadAsync(string id, CancellationToken cancellationToken) => Task.CompletedTask;
}
