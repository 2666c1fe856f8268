namespace Multiconnect.Gateway.Apis;

/// <summary>
/// backlog: callbacks not yet delivered to the webhook (0 in development mode, which keeps none); exact up
/// to 10,000, an upper bound beyond (Multiconnect.Persistence.PostgresCallbackStore.EstimateBacklogAsync).
/// </summary>
public sealed record WebhooksHealth(long Backlog);
