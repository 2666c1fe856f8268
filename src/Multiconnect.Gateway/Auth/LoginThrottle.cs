using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Multiconnect.Gateway.Auth;

/// <summary>
/// Failed password checks per client address, as the original throttles bad logins (30 an hour per IP,
/// then 429 with code 1015, whatever the credentials): a token bucket per address from ASP.NET Core's
/// rate limiters, <see cref="AuthOptions.FailedLoginLimit"/> deep, refilled one attempt every
/// window / limit. Only failures take from it, so clients that log in correctly are never throttled;
/// that is why the limiter is asked here rather than by the rate-limiting middleware, which would count
/// every request. Like the original's, the count is kept by each gateway replica in its memory.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> _failures;
    private readonly TimeSpan _refill;

    public LoginThrottle(IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limit = options.Value.FailedLoginLimit;
        _refill = options.Value.FailedLoginWindow / limit;
        _failures = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = _refill,
            QueueLimit = 0,
        }));
    }

    /// <summary>
    /// Null when <paramref name="address"/> may try a password now; otherwise how long it should wait: one
    /// refill at most (the bucket refills continuously, and a whole attempt is back within one).
    /// </summary>
    public TimeSpan? Blocked(IPAddress? address) =>
        _failures.GetStatistics(address ?? IPAddress.None)?.CurrentAvailablePermits >= 1 ? null : _refill;

    public void Failed(IPAddress? address) => _failures.AttemptAcquire(address ?? IPAddress.None, 1).Dispose();

    public void Dispose() => _failures.Dispose();
}
