using Multiconnect.Gateway.Metrics;

namespace Multiconnect.Gateway.Apis;

/// <summary>
/// <c>GET /v1/metrics</c> as JSON, in the original's schema: <c>{"metrics":{"&lt;name&gt;":{"data":[{"labels":{…},"value":n}],"help","type"}}}</c>
/// (<see cref="MetricsApi.Figures"/>). A shard failing over right now is left out.
/// </summary>
public sealed record MetricsResponse(IReadOnlyDictionary<string, StatsMetric> Metrics) : ApiResponse;

/// <summary>What /v1/metrics and /v1/stats are made from: each shard's counters, the webhook backlog, this gateway's request counts.</summary>
public sealed record ClusterMetrics(int ShardCount, IReadOnlyList<ShardMetricsEntry> Shards, WebhooksHealth Webhooks, IReadOnlyList<ApiRequestCount> Requests);
