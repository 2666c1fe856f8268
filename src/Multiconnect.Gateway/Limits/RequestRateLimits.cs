using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Limits;

/// <summary>
/// The original's request-rate limits with ASP.NET Core's rate limiter: a token bucket per user (per
/// client address while not logged in) for /v1/messages and another for the rest of the API, refilled
/// every second; a request beyond them is answered 429 with code 1015 and Retry-After, and does
/// nothing. Login (throttled on failures, <c>LoginThrottle</c>), the dashboard and the probes are not
/// counted. Like the original's webapp, each gateway replica counts in its own memory.
/// </summary>
public static class RequestRateLimits
{
    private const string Messages = "messages";
    private const string Other = "other";

    public static IServiceCollection AddRequestRateLimits(this IServiceCollection services, RequestRateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, (string Kind, string Client)>(
                context => Partition(context, options));
            limiter.OnRejected = (rejected, _) => new ValueTask(ApiError.RateLimited(
                rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1))
                .ExecuteAsync(rejected.HttpContext));
        });
    }

    private static RateLimitPartition<(string Kind, string Client)> Partition(HttpContext context, RequestRateOptions options)
    {
        var path = context.Request.Path;
        var (kind, rate, burst) =
            path.StartsWithSegments("/v1/messages", StringComparison.OrdinalIgnoreCase) ? (Messages, options.MessagesPerSecond, options.MessagesBurst)
            : path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase) && !path.StartsWithSegments("/v1/users/login", StringComparison.OrdinalIgnoreCase)
                ? (Other, options.OtherPerSecond, options.OtherBurst)
            : (Other, 0, 0);
        var client = context.User.Identity is { IsAuthenticated: true, Name: { } user } ? $"user:{user}" : $"address:{context.Connection.RemoteIpAddress ?? IPAddress.None}";
        return rate <= 0
            ? RateLimitPartition.GetNoLimiter((kind, client))
            : RateLimitPartition.GetTokenBucketLimiter((kind, client), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = rate,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
            });
    }
}
