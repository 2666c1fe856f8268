using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Multiconnect.Gateway.Cluster;
using Multiconnect.Gateway.Errors;
using Multiconnect.Gateway.Metrics;
using Multiconnect.Persistence;

namespace Multiconnect.Gateway.Apis;

/// <summary>
/// GET /v1/stats/app and /v1/stats/db in the original's shape (JSON, or Prometheus text with
/// <c>?format=prometheus</c>), with the original's names where ours mean the same (callback_queue_size,
/// endpoint_requests) and our own for the rest. Every figure comes from counters (the shards' tallies,
/// the webhook backlog's estimate, this gateway's request counts), never from counting a table.
/// </summary>
public static class StatsApi
{
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/stats/app", GetAppAsync).WithName("GetAppStats")
            .Produces<StatsResponse>(StatusCodes.Status200OK, "application/json", "text/plain")
            .WithSummary("The application's figures as the original names them: callback queue, requests per endpoint, each shard's messages.");
        app.MapGet("/v1/stats/db", GetDbAsync).WithName("GetDbStats")
            .Produces<StatsResponse>(StatusCodes.Status200OK, "application/json", "text/plain")
            .WithSummary("What the database holds waiting: messages not yet sent and callbacks not yet delivered (from counters).");
        return app;
    }

    public static async Task<Results<Ok<StatsResponse>, ContentHttpResult, ApiError>> GetAppAsync(
        string? format, ClusterView view, IWebhookStore webhooks, ApiMetrics api, CancellationToken cancellationToken) =>
        await AnswerAsync("app", format, App, view, webhooks, api, cancellationToken);

    public static async Task<Results<Ok<StatsResponse>, ContentHttpResult, ApiError>> GetDbAsync(
        string? format, ClusterView view, IWebhookStore webhooks, ApiMetrics api, CancellationToken cancellationToken) =>
        await AnswerAsync("db", format, Db, view, webhooks, api, cancellationToken);

    /// <summary>The app figures: the original's callback_queue_size and endpoint_requests, and each shard's message counters.</summary>
    public static IReadOnlyDictionary<string, StatsMetric> App(ClusterMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new Dictionary<string, StatsMetric>(StringComparer.Ordinal)
        {
            ["callback_queue_size"] = new([StatsSample.Of(metrics.Webhooks.Backlog)], "Callbacks waiting for the webhook", "gauge"),
            ["endpoint_requests"] = new(
                [.. metrics.Requests.Select(r => StatsSample.Of(r.Count, ("endpoint", r.Endpoint), ("method", r.Method), ("result", r.Status.ToString(CultureInfo.InvariantCulture))))],
                "Requests this gateway answered, by endpoint, method and status", "counter"),
            ["messages_accepted"] = StatsMetric.PerShard(metrics, "node", "Messages committed, since the shard's activation", "counter", s => s.Accepted),
            ["messages_sent"] = StatsMetric.PerShard(metrics, "node", "Messages acknowledged by the WhatsApp servers, since the shard's activation", "counter", s => s.Sent),
            ["messages_delivered"] = StatsMetric.PerShard(metrics, "node", "'delivered' receipts received, since the shard's activation", "counter", s => s.Delivered),
            ["messages_pending"] = StatsMetric.PerShard(metrics, "node", "Messages accepted and not yet acknowledged by the WhatsApp servers", "gauge", s => s.Backlog),
        };
    }

    /// <summary>The db figures: what waits in the database, by type.</summary>
    public static IReadOnlyDictionary<string, StatsMetric> Db(ClusterMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new Dictionary<string, StatsMetric>(StringComparer.Ordinal)
        {
            ["db_messages"] = new([StatsSample.Of(metrics.Shards.Sum(s => s.Backlog), ("type", "outgoing_pending"))], "Messages stored and not yet sent", "gauge"),
            ["db_callbacks"] = new([StatsSample.Of(metrics.Webhooks.Backlog, ("type", "pending"))], "Callbacks stored and not yet delivered (an upper bound when large)", "gauge"),
        };
    }

    private static async Task<Results<Ok<StatsResponse>, ContentHttpResult, ApiError>> AnswerAsync(
        string section, string? format, Func<ClusterMetrics, IReadOnlyDictionary<string, StatsMetric>> figures,
        ClusterView view, IWebhookStore webhooks, ApiMetrics api, CancellationToken cancellationToken)
    {
        if (MetricsApi.FormatProblem(format) is { } problem)
        {
            return problem;
        }

        var stats = figures(await MetricsApi.ReadAsync(view, webhooks, api, cancellationToken));
        return format is null or MetricsApi.Json
            ? TypedResults.Ok(new StatsResponse(new Dictionary<string, IReadOnlyDictionary<string, StatsMetric>>(StringComparer.Ordinal) { [section] = stats }))
            : TypedResults.Text(StatsMetric.ToPrometheus(stats), PrometheusText.ContentType);
    }
}
