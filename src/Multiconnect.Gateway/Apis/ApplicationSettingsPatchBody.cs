namespace Multiconnect.Gateway.Apis;

/// <summary>The documented shape of PATCH /v1/settings/application, for the OpenAPI document: every field optional.</summary>
public sealed record ApplicationSettingsPatchBody(WebhookSettingsPatchBody? Webhooks = null, bool? SentStatus = null);
