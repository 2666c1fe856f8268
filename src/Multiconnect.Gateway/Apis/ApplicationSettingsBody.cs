namespace Multiconnect.Gateway.Apis;

/// <summary>The application settings on the wire: in GET answers, and (every field optional) as the PATCH body.</summary>
public sealed record ApplicationSettingsBody(WebhookSettingsBody Webhooks, bool SentStatus);
