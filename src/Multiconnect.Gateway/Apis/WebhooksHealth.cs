namespace Multiconnect.Gateway.Apis;

/// <summary>backlog: callbacks not yet delivered to the webhook (0 in development mode, which keeps none).</summary>
public sealed record WebhooksHealth(long Backlog);
