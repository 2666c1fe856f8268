namespace Multiconnect.Gateway.Webhooks;

/// <summary>
/// Development mode only: settings known to this one gateway, lost when it stops. Without PostgreSQL
/// there is no outbox, so nothing sends callbacks and the backlog is always 0.
/// </summary>
public sealed class InMemoryWebhookStore : IWebhookStore
{
    private readonly Lock _lock = new();
    private ApplicationSettings _settings = ApplicationSettings.Default;

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

    public Task<long> EstimateBacklogAsync(CancellationToken cancellationToken) => Task.FromResult(0L);
}
