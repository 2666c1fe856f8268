namespace Multiconnect.Gateway.Apis;

/// <summary>
/// The documented shape of PATCH /v1/settings/application, for the OpenAPI document: every field
/// optional; the back-off delays are strings of digits, as the original documents them (numbers are
/// accepted too).
/// </summary>
public sealed record ApplicationSettingsPatchBody(
    WebhookSettingsPatchBody? Webhooks = null,
    bool? SentStatus = null,
    bool? CallbackPersist = null,
    string? CallbackBackoffDelayMs = null,
    string? MaxCallbackBackoffDelayMs = null,
    int? HeartbeatInterval = null,
    int? UnhealthyInterval = null);
