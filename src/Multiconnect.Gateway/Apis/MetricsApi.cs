using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using Multiconnect.Gateway.Cluster;
using Multiconnect.Gateway.Errors;
using Multiconnect.Gateway.Metrics;
using Multiconnect.Persistence;

namespace Multiconnect.Gateway.Apis;

public static class MetricsApi
{
    public const string Json = "json";
    public const string Prometheus = "prometheus";

    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/metrics", GetMetricsAsync).WithName("GetMetrics")
            .Produces<MetricsResponse>(StatusCodes.Status200OK, "application/json", "text/plain")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The Prometheus text is a string, not the JSON document.
                if (operation.Responses?["200"].Content?.TryGetValue("text/plain", out var text) == true)
                {
                    text.Schema = new OpenApiSchema { Type = JsonSchemaType.String };
                }

                return Task.CompletedTask;
            })
            .WithSummary("Each shard's owner and counters (accepted, sent, delivered, backlog), the webhook backlog and this gateway's request counts: JSON, or Prometheus text with ?format=prometheus.");
        return app;
    }

    public static async Task<Results<Ok<MetricsResponse>, ContentHttpResult, ApiError>> GetMetricsAsync(
        string? format, ClusterView view, IWebhookStore webhooks, ApiMetrics api, CancellationToken cancellationToken)
    {
        if (FormatProblem(format) is { } problem)
        {
            return problem;
        }

        var figures = Figures(await ReadAsync(view, webhooks, api, cancellationToken));
        return format is null or Json
            ? TypedResults.Ok(new MetricsResponse(figures))
            : TypedResults.Text(StatsMetric.ToPrometheus(figures), PrometheusText.ContentType);
    }

    /// <summary>The error for a <c>format</c> other than json (the default) or prometheus; null when it is one of them.</summary>
    public static ApiError? FormatProblem(string? format) =>
        format is null or Json or Prometheus ? null : ApiError.Invalid("format", $"must be {Json} or {Prometheus}; got '{format}'");

    /// <summary>The figures of /v1/metrics and /v1/stats: each shard's counters, read from the shards, the webhook backlog and this gateway's request counts.</summary>
    public static async Task<ClusterMetrics> ReadAsync(ClusterView view, IWebhookStore webhooks, ApiMetrics api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentNullException.ThrowIfNull(api);
        var (shardCount, stats) = await view.ReadStatsAsync(cancellationToken);
        return new ClusterMetrics(
            shardCount,
            [.. stats.Select(s => new ShardMetricsEntry(s.Activation.ShardId, s.Activation.Node, s.Activation.Epoch, s.Activation.ActiveSince, s.Accepted, s.Sent, s.Delivered, s.Backlog))],
            new WebhooksHealth(await webhooks.EstimateBacklogAsync(cancellationToken)),
            api.RequestCounts());
    }

    /// <summary>
    /// The figures of /v1/metrics in the original's schema (name → type, help, data), under the names the
    /// processes' own /metrics use (docs/metrics.md), each shard's labelled with its owner.
    /// </summary>
    public static IReadOnlyDictionary<string, StatsMetric> Figures(ClusterMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new Dictionary<string, StatsMetric>(StringComparer.Ordinal)
        {
            ["multiconnect_shard_count"] = new([StatsSample.Of(metrics.ShardCount)], "Shards the business number's traffic is split into", "gauge"),
            ["multiconnect_shard_epoch"] = StatsMetric.PerShard(metrics, "owner", "The lease epoch of the shard's current activation", "gauge", s => s.Epoch),
            ["multiconnect_shard_active_since_seconds"] = StatsMetric.PerShard(metrics, "owner", "When the shard's current activation claimed its lease, in Unix seconds", "gauge",
                s => s.ActiveSince.ToUnixTimeSeconds()),
            ["multiconnect_messages_accepted_total"] = StatsMetric.PerShard(metrics, "owner", "Messages committed, since the shard's activation", "counter", s => s.Accepted),
            ["multiconnect_messages_sent_total"] = StatsMetric.PerShard(metrics, "owner", "Messages acknowledged by the upstream, since the shard's activation", "counter", s => s.Sent),
            ["multiconnect_messages_delivered_total"] = StatsMetric.PerShard(metrics, "owner", "'delivered' receipts received, since the shard's activation", "counter", s => s.Delivered),
            ["multiconnect_shard_backlog"] = StatsMetric.PerShard(metrics, "owner", "Messages accepted and not yet acknowledged upstream", "gauge", s => s.Backlog),
            ["multiconnect_webhooks_backlog"] = new([StatsSample.Of(metrics.Webhooks.Backlog)], "Callbacks not yet delivered", "gauge"),
            ["multiconnect_api_requests_total"] = new(
                [.. metrics.Requests.Select(r => StatsSample.Of(r.Count, ("endpoint", r.Endpoint), ("method", r.Method), ("status", r.Status.ToString(CultureInfo.InvariantCulture))))],
                "Requests this gateway answered", "counter"),
        };
    }
}
