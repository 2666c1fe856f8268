using Microsoft.AspNetCore.Http.HttpResults;
using Multiconnect.Contracts.Grains;
using Multiconnect.Gateway.Errors;
using Multiconnect.Gateway.Requests;

namespace Multiconnect.Gateway.Apis;

public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/v1/account");
        account.MapGet("/shards", GetShardsAsync).WithName("GetShards")
            .WithSummary("The number of shards the business number's traffic is split into.");
        account.MapPost("/shards", SetShardsAsync).WithName("SetShards")
            .Accepts<ShardChangeBody>(JsonRequestBody.ContentType)
            .WithSummary("Changes the shard count: 1, 2, 4, 8, 16 or 32.");
        return app;
    }

    public static async Task<Ok<AccountShardsResponse>> GetShardsAsync(IClusterClient cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var map = await cluster.GetGrain<IShardMapGrain>(IShardMapGrain.Key).GetAsync();
        return TypedResults.Ok(new AccountShardsResponse(new AccountShards(map.Shards.Value)));
    }

    public static async Task<Results<Created<AccountShardsResponse>, ApiError>> SetShardsAsync(HttpRequest request, IClusterClient cluster)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(cluster);
        var body = await JsonRequestBody.ReadAsync(request);
        if (!body.IsValid)
        {
            return body.Error;
        }

        var change = ShardChangeRequest.From(body.Value);
        if (!change.IsValid)
        {
            return change.Error;
        }

        var map = await cluster.GetGrain<IShardMapGrain>(IShardMapGrain.Key).SetShardCountAsync(change.Value.Shards);
        return TypedResults.Created("/v1/account/shards", new AccountShardsResponse(new AccountShards(map.Shards.Value)));
    }
}

public sealed record AccountShardsResponse(AccountShards Account);

public sealed record AccountShards(int Shards);

/// <summary>The documented shape of POST /v1/account/shards, for the OpenAPI document.</summary>
public sealed record ShardChangeBody(string Cc, string PhoneNumber, int Shards, string? Pin, string Cert);
