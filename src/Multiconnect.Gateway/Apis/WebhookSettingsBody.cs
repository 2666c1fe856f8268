namespace Multiconnect.Gateway.Apis;

/// <summary>url: where callbacks are POSTed; "" when none is set (callbacks then wait).</summary>
public sealed record WebhookSettingsBody(string Url);
