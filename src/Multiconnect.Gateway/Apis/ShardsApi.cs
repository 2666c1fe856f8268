using Microsoft.AspNetCore.Http.HttpResults;
using Multiconnect.Contracts.Grains;
using Multiconnect.Gateway.Cluster;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Apis;

public static class ShardsApi
{
    public static IEndpointRouteBuilder MapShardsApi(this IEndpointRouteBuilder app)
    {
        var shards = app.MapGroup("/v1/shards");
        shards.MapGet("/", GetShardMapAsync).WithName("GetShardMap")
            .WithSummary("The shard map: each shard's node, epoch and since when.");
        shards.MapGet("/{shardId}", GetShardAsync).WithName("GetShard")
            .WithSummary("Asks one shard where it runs; it is activated if it is not.");
        return app;
    }

    public static async Task<Ok<ShardMapResponse>> GetShardMapAsync(ClusterView view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var cluster = await view.ReadAsync(cancellationToken);
        return TypedResults.Ok(new ShardMapResponse(
            cluster.Map.Shards.Value,
            cluster.Map.Generation,
            [.. cluster.Shards.Select(ShardPlacement.Of)]));
    }

    public static async Task<Results<Ok<ShardPlacement>, ApiError>> GetShardAsync(string shardId, ClusterView view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var map = await view.ReadMapAsync(cancellationToken);
        if (!int.TryParse(shardId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id >= map.Shards.Value)
        {
            return ApiError.Invalid("shardId", $"must be a shard number from 0 to {map.Shards.Value - 1}");
        }

        return TypedResults.Ok(ShardPlacement.Of(await view.DescribeAsync(id, cancellationToken)));
    }
}
