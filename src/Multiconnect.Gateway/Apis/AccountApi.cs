using Microsoft.AspNetCore.Http.HttpResults;
using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;
using Multiconnect.Gateway.Cluster;
using Multiconnect.Gateway.Auth;
using Multiconnect.Gateway.Errors;
using Multiconnect.Gateway.Requests;

namespace Multiconnect.Gateway.Apis;

public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/v1/account").RequireAuthorization(AuthSchemes.AdminPolicy); // the admin's, as in the original
        account.MapPost("", RegisterAsync).WithName("Register")
            .WithRequestBody<RegisterBody>()
            .WithMetadata(UnavailableIsForbidden.Instance)
            .WithSummary("Registers the business number: 202 when the WhatsApp servers sent it a code (give it to /v1/account/verify), 201 when it is registered already.");
        account.MapPost("/verify", VerifyAsync).WithName("VerifyRegistration")
            .WithRequestBody<VerifyBody>()
            .WithMetadata(UnavailableIsForbidden.Instance)
            .WithSummary("Completes a registration with the code the number received; another number registered before is replaced.");
        account.MapGet("/shards", GetShardsAsync).WithName("GetShards")
            .WithSummary("The number of shards the business number's traffic is split into.");
        account.MapPost("/shards", SetShardsAsync).WithName("SetShards")
            .WithRequestBody<ShardChangeBody>()
            .WithMetadata(UnavailableIsForbidden.Instance)
            .WithSummary("Changes the shard count: 1, 2, 4, 8, 16 or 32.");
        var twoStep = app.MapGroup("/v1/settings/account/two-step").RequireAuthorization(AuthSchemes.AdminPolicy); // the admin's, as in the original
        twoStep.MapPost("", EnableTwoStepAsync).WithName("EnableTwoStep")
            .WithRequestBody<TwoStepBody>()
            .WithSummary("Turns two-step verification on with a 6-digit PIN (or changes the PIN); shard changes then need it.");
        twoStep.MapDelete("", DisableTwoStepAsync).WithName("DisableTwoStep")
            .WithSummary("Turns two-step verification off; a forgotten PIN is reset by turning it off and on again.");
        return app;
    }

    public static Task<Results<Ok<EmptyResponse>, ApiError>> EnableTwoStepAsync(RequestBody<TwoStepBody> twoStep, HttpRequest request, ShardCaller caller)
    {
        ArgumentNullException.ThrowIfNull(twoStep);
        return SetTwoStepAsync(twoStep.Value.Pin, request, caller);
    }

    public static Task<Results<Ok<EmptyResponse>, ApiError>> DisableTwoStepAsync(HttpRequest request, ShardCaller caller) =>
        SetTwoStepAsync(pin: null, request, caller);

    /// <summary>The master asks the WhatsApp servers, which keep the PIN; their refusals are answered by ApiErrorHandling.</summary>
    private static async Task<Results<Ok<EmptyResponse>, ApiError>> SetTwoStepAsync(string? pin, HttpRequest request, ShardCaller caller)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        await caller.CallAsync(
            async c =>
            {
                await c.GetGrain<IShardMapGrain>(IShardMapGrain.Key).SetTwoStepAsync(pin);
                return true;
            },
            attemptTimeout: TimeSpan.FromSeconds(10),
            request.HttpContext.RequestAborted);
        return TypedResults.Ok(new EmptyResponse());
    }

    public static async Task<Results<Created<EmptyResponse>, Accepted<RegistrationResponse>, ApiError>> RegisterAsync(
        RequestBody<RegisterBody> registration, HttpRequest request, ShardCaller caller)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var (cc, phoneNumber, method, cert, pin) = registration.Value;
        var account = new BusinessAccount(cc!, phoneNumber!, AccountFields.CanonicalCert(cert)!);
        var answer = await caller.CallAsync(
            c => c.GetGrain<IShardMapGrain>(IShardMapGrain.Key).RegisterAsync(account, method!, pin),
            attemptTimeout: TimeSpan.FromSeconds(10),
            request.HttpContext.RequestAborted);
        return answer.CodeSent
            ? TypedResults.Accepted("/v1/account/verify", new RegistrationResponse([new VerifiedName(answer.VName ?? "")]))
            : TypedResults.Created("/v1/account", new EmptyResponse());
    }

    public static async Task<Results<Created<EmptyResponse>, ApiError>> VerifyAsync(
        RequestBody<VerifyBody> verify, HttpRequest request, ShardCaller caller, ShardMapCache routing)
    {
        ArgumentNullException.ThrowIfNull(verify);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(routing);
        var code = verify.Value.Digits;
        var map = await caller.CallAsync(
            c => c.GetGrain<IShardMapGrain>(IShardMapGrain.Key).VerifyAsync(code),
            attemptTimeout: TimeSpan.FromSeconds(10),
            request.HttpContext.RequestAborted);
        routing.Observe(map); // this gateway routes under the new number's generation at once
        return TypedResults.Created("/v1/account", new EmptyResponse());
    }

    public static async Task<Ok<AccountShardsResponse>> GetShardsAsync(ClusterView view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var map = await view.ReadMapAsync(cancellationToken);
        return TypedResults.Ok(new AccountShardsResponse(new AccountShards(map.Shards.Value)));
    }

    public static async Task<Results<Created<AccountShardsResponse>, ApiError>> SetShardsAsync(
        RequestBody<ShardChangeBody> change, HttpRequest request, ShardCaller caller, ShardMapCache routing)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(routing);
        var (cc, phoneNumber, shards, cert, pin) = change.Value;
        var count = ShardCount.From(shards!.Value);
        cert = AccountFields.CanonicalCert(cert);

        // Setting a count is idempotent, so retrying is safe. The master answers once the new generation is
        // stored; it tells the shards first, which may take a few seconds while a CoreApp is failing over.
        // When the master cannot be reached, the answer is the original's 403: retry. So it is when the database
        // is away (UnavailableIsForbidden), whether the token check or the master meets it.
        try
        {
            var map = await caller.CallAsync(
                c => c.GetGrain<IShardMapGrain>(IShardMapGrain.Key).SetShardCountAsync(count, cc!, phoneNumber!, cert, pin),
                attemptTimeout: TimeSpan.FromSeconds(10),
                request.HttpContext.RequestAborted);
            routing.Observe(map); // this gateway routes by the new map at once
            return TypedResults.Created("/v1/account/shards", new AccountShardsResponse(new AccountShards(map.Shards.Value)));
        }
        catch (Exception e) when (ShardCaller.IsTransient(e) && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return ApiError.TemporarilyUnavailable("The shard count cannot be changed now (the cluster is not reachable); nothing may have changed. Retry.");
        }
    }
}
