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
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentNullException.ThrowIfNull(api);
        format ??= Json;
        if (format is not (Json or Prometheus))
        {
            return ApiError.Invalid("format", $"must be {Json} or {Prometheus}; got '{format}'");
        }

        var metrics = await ReadAsync(view, webhooks, api, cancellationToken);
        return format == Json
            ? TypedResults.Ok(new MetricsResponse(metrics))
            : TypedResults.Text(ToPrometheus(metrics), PrometheusText.ContentType);
    }

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

    /// <summary>The same figures under the names the processes' own /metrics use (docs/metrics.md), with the owner as a label.</summary>
    public static string ToPrometheus(ClusterMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var text = new PrometheusText();
        ShardFamily(text, metrics, "multiconnect_messages_accepted_total", "counter", "Messages committed, since the shard's activation", s => s.Accepted);
        ShardFamily(text, metrics, "multiconnect_messages_sent_total", "counter", "Messages acknowledged by the upstream, since the shard's activation", s => s.Sent);
        ShardFamily(text, metrics, "multiconnect_messages_delivered_total", "counter", "'delivered' receipts received, since the shard's activation", s => s.Delivered);
        ShardFamily(text, metrics, "multiconnect_shard_backlog", "gauge", "Messages accepted and not yet acknowledged upstream", s => s.Backlog);
        text.Family("multiconnect_webhooks_backlog", "gauge", "Callbacks not yet delivered")
            .Sample("multiconnect_webhooks_backlog", metrics.Webhooks.Backlog);
        text.Family("multiconnect_api_requests_total", "counter", "Requests this gateway answered");
        foreach (var count in metrics.Requests)
        {
            text.Sample("multiconnect_api_requests_total", count.Count,
                ("endpoint", count.Endpoint), ("method", count.Method), ("status", count.Status.ToString(CultureInfo.InvariantCulture)));
        }

        return text.ToString();
    }

    private static void ShardFamily(PrometheusText text, ClusterMetrics metrics, string name, string type, string help, Func<ShardMetricsEntry, long> value)
    {
        text.Family(name, type, help);
        foreach (var shard in metrics.Shards)
        {
            text.Sample(name, value(shard), ("shard", shard.Shard.ToString(CultureInfo.InvariantCulture)), ("owner", shard.Owner));
        }
    }
}
