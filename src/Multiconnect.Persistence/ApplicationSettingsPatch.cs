namespace Multiconnect.Persistence;

/// <summary>
/// A change of the application settings, every field optional (null: unchanged): <see cref="SetsWebhookUrl"/>
/// says whether the URL changes, to <see cref="WebhookUrl"/>, or removed when that is null.
/// </summary>
public sealed record ApplicationSettingsPatch(
    bool SetsWebhookUrl = false,
    Uri? WebhookUrl = null,
    bool? SentStatus = null,
    bool? DeliveredStatus = null,
    bool? ReadStatus = null,
    bool? CallbackPersist = null,
    int? CallbackBackoffDelayMs = null,
    int? MaxCallbackBackoffDelayMs = null,
    int? MaxConcurrentRequests = null,
    int? HeartbeatInterval = null,
    int? UnhealthyInterval = null)
{
    /// <summary>The settings with this patch applied.</summary>
    public ApplicationSettings ApplyTo(ApplicationSettings current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return new(
            SetsWebhookUrl ? WebhookUrl : current.WebhookUrl,
            SentStatus ?? current.SentStatus,
            DeliveredStatus ?? current.DeliveredStatus,
            ReadStatus ?? current.ReadStatus,
            CallbackPersist ?? current.CallbackPersist,
            CallbackBackoffDelayMs ?? current.CallbackBackoffDelayMs,
            MaxCallbackBackoffDelayMs ?? current.MaxCallbackBackoffDelayMs,
            MaxConcurrentRequests ?? current.MaxConcurrentRequests,
            HeartbeatInterval ?? current.HeartbeatInterval,
            UnhealthyInterval ?? current.UnhealthyInterval);
    }
}
