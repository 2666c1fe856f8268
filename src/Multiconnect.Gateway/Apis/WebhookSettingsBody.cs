namespace Multiconnect.Gateway.Apis;

/// <summary>url: where callbacks are POSTed, "" when none is set (callbacks then wait); how many are in flight at most; which statuses go.</summary>
public sealed record WebhookSettingsBody(string Url, int MaxConcurrentRequests, WebhookMessageSettings Message);
