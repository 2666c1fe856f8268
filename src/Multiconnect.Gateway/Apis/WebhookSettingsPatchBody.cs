namespace Multiconnect.Gateway.Apis;

/// <summary>url: where callbacks are POSTed, "" removes it; max_concurrent_requests: 6, 12, 18 or 24; message: which statuses go.</summary>
public sealed record WebhookSettingsPatchBody(string? Url = null, int? MaxConcurrentRequests = null, WebhookMessageSettings? Message = null);
