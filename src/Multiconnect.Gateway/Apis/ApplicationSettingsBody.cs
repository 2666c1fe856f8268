namespace Multiconnect.Gateway.Apis;

/// <summary>The application settings in GET answers, with the original's names; the back-off delays are numbers here, as in the original's GET.</summary>
public sealed record ApplicationSettingsBody(
    WebhookSettingsBody Webhooks,
    bool SentStatus,
    bool CallbackPersist,
    int CallbackBackoffDelayMs,
    int MaxCallbackBackoffDelayMs,
    int HeartbeatInterval,
    int UnhealthyInterval);
