using Microsoft.AspNetCore.Http.HttpResults;
using Multiconnect.Contracts.Grains;
using Multiconnect.Gateway.Cluster;
using Multiconnect.Gateway.Auth;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Apis;

public static class ShardsApi
{
    public static IEndpointRouteBuilder MapShardsApi(this IEndpointRouteBuilder app)
    {
        var shards = app.MapGroup("/v1/shards").RequireAuthorization(AuthSchemes.AdminPolicy); // the admin's: where the shards run is the account's business
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

    /// <summary>One shard's placement; the count it is checked against is the routing one, so that asking a shard never waits on the master.</summary>
    public static async Task<Results<Ok<ShardPlacement>, ApiError>> GetShardAsync(string shardId, ClusterView view, ShardMapCache shards, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(shards);
        var count = (await shards.GetAsync(cancellationToken)).Shards.Value;
        if (!int.TryParse(shardId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id >= count)
        {
            return ApiError.Invalid("shardId", $"must be a shard number from 0 to {count - 1}");
        }

        return TypedResults.Ok(ShardPlacement.Of(await view.DescribeAsync(id, cancellationToken)));
    }
}
