using Multiconnect.Gateway.Metrics;

namespace Multiconnect.Gateway.Apis;

/// <summary>
/// <c>GET /v1/metrics</c> as JSON: <c>{"metrics":{"shard_count","shards":[…],"webhooks":{"backlog"},"requests":[…]}}</c>.
/// A shard failing over right now is left out of <c>shards</c>.
/// </summary>
public sealed record MetricsResponse(ClusterMetrics Metrics) : ApiResponse;

public sealed record ClusterMetrics(int ShardCount, IReadOnlyList<ShardMetricsEntry> Shards, WebhooksHealth Webhooks, IReadOnlyList<ApiRequestCount> Requests);
