using Multiconnect.Persistence;

namespace Multiconnect.Gateway.Apis;

/// <summary><c>{"settings":{"application":{"webhooks":{"url":"…",…},"sent_status":false,…}}}</c>, as the original answers.</summary>
public sealed record SettingsResponse(SettingsSection Settings) : ApiResponse
{
    public static SettingsResponse Of(ApplicationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(new SettingsSection(new ApplicationSettingsBody(
            new WebhookSettingsBody(
                settings.WebhookUrl?.OriginalString ?? "",
                settings.MaxConcurrentRequests,
                new WebhookMessageSettings(settings.SentStatus, settings.DeliveredStatus, settings.ReadStatus)),
            settings.SentStatus,
            settings.CallbackPersist,
            settings.CallbackBackoffDelayMs,
            settings.MaxCallbackBackoffDelayMs,
            settings.HeartbeatInterval,
            settings.UnhealthyInterval)));
    }
}
