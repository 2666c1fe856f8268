namespace Multiconnect.Gateway.Apis;

/// <summary>url: where callbacks are POSTed; "" removes it.</summary>
public sealed record WebhookSettingsPatchBody(string? Url = null);
