namespace Multiconnect.Persistence;

/// <summary>
/// What the gateway keeps about webhooks: the application settings (where callbacks go), shared by
/// every gateway and read by the dispatcher, and the backlog of callbacks not yet delivered.
/// </summary>
public interface IWebhookStore
{
    Task<ApplicationSettings> GetSettingsAsync(CancellationToken cancellationToken);

    /// <summary>Applies the patch in one step (all of it or nothing) and returns the settings as they now are.</summary>
    Task<ApplicationSettings> UpdateSettingsAsync(ApplicationSettingsPatch patch, CancellationToken cancellationToken);

    /// <summary>Puts every setting back to its default (DELETE /v1/settings/application) and returns the defaults.</summary>
    Task<ApplicationSettings> ResetSettingsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// How many callbacks wait for the webhook, shown in health so that a failing webhook is visible:
    /// exact while it is small, an upper bound when large, never a count over the whole outbox.
    /// </summary>
    Task<long> EstimateBacklogAsync(CancellationToken cancellationToken);
}
