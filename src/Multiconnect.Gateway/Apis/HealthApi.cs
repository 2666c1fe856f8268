using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Multiconnect.Contracts.Grains;
using Multiconnect.Gateway.Cluster;
using Multiconnect.Persistence;

namespace Multiconnect.Gateway.Apis;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/health", GetHealthAsync).WithName("GetHealth")
            .WithSummary("Every node with its gateway_status and role, as the original reports them, plus the shards each CoreApp hosts and the webhook backlog.");
        return app;
    }

    public static async Task<Ok<HealthResponse>> GetHealthAsync(
        ClusterView view, IWebhookStore webhooks, IOptions<GatewayOptions> gateway, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentNullException.ThrowIfNull(gateway);
        var cluster = await view.ReadAsync(cancellationToken);
        var backlog = await webhooks.EstimateBacklogAsync(cancellationToken);
        var nodes = new Dictionary<string, NodeHealth>
        {
            [$"{Environment.MachineName}:{gateway.Value.Name}"] = new("connected", "gateway", null),
        };
        var secondary = MasterSuccession.Next(cluster.CoreApps.Select(coreApp => coreApp.Silo), cluster.Master);
        foreach (var coreApp in cluster.CoreApps)
        {
            var shards = cluster.ShardsOn(coreApp.Silo);
            nodes[coreApp.Node] = new NodeHealth(
                UpstreamStatus.Combined(shards.Select(shard => shard.Upstream)),
                coreApp.Silo.Equals(cluster.Master) ? "primary_master" : coreApp.Silo.Equals(secondary) ? "secondary_master" : "coreapp",
                [.. shards.Select(shard => shard.ShardId)]);
        }

        return TypedResults.Ok(new HealthResponse(
            nodes,
            new ShardMapHealth(
                cluster.Map.Shards.Value, cluster.Map.Generation, cluster.CoreApps.Count, cluster.Spares, cluster.Degraded,
                HandingOver: cluster.Shards.Any(s => s.Generation != cluster.Map.Generation || s.HeldBuckets > 0),
                HeldBuckets: cluster.Shards.Sum(s => s.HeldBuckets)),
            new WebhooksHealth(backlog)));
    }
}

public sealed record HealthResponse(IReadOnlyDictionary<string, NodeHealth> Health, ShardMapHealth ShardMap, WebhooksHealth Webhooks) : ApiResponse;

/// <summary>
/// gateway_status: the state of the upstream sessions of the shards the CoreApp hosts
/// (<see cref="UpstreamStatus"/>), disconnected for a CoreApp without shards. role: primary_master (it hosts
/// the master), secondary_master (it takes the master over if the primary dies), coreapp; a gateway is gateway.
/// </summary>
public sealed record NodeHealth(string GatewayStatus, string Role, IReadOnlyList<int>? Shards);

/// <summary>
/// degraded: more shards than CoreApps, so some CoreApp carries two or more and nothing is spare.
/// handing_over: a shard does not act under the generation yet, or holds recipients it gained until
/// another shard has delivered their earlier messages (held_buckets in all; per shard: GET /v1/shards).
/// </summary>
public sealed record ShardMapHealth(int Shards, long Generation, int CoreApps, int Spares, bool Degraded, bool HandingOver, int HeldBuckets);
