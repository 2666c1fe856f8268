namespace Multiconnect.Gateway.Apis;

/// <summary>webhooks.message: which statuses are POSTed to the webhook (the others are dropped, marked delivered).</summary>
public sealed record WebhookMessageSettings(bool? Sent = null, bool? Delivered = null, bool? Read = null);
