using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Multiconnect.Gateway.Auth;

/// <summary>
/// Every password hash the gateway derives, to check a login or to store a new password, runs here, at most
/// <see cref="AuthOptions.PasswordHashConcurrency"/> at once with <see cref="AuthOptions.PasswordHashQueue"/>
/// waiting in turn. Beyond that a check is refused at once (null), and the caller answers 503: a flood of
/// logins from many addresses, each under its own failed-login allowance, then costs the gateway at most
/// those cores, and the API's other requests keep the rest.
/// </summary>
public sealed class PasswordHashing(IOptions<AuthOptions> options) : IDisposable
{
    private readonly ConcurrencyLimiter _turns = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.PasswordHashConcurrency,
        QueueLimit = options.Value.PasswordHashQueue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>Whether <paramref name="password"/> matches; null when too many checks are waiting already.</summary>
    public async Task<bool?> MatchesAsync(PasswordHash hash, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hash);
        using var turn = await _turns.AcquireAsync(1, cancellationToken);
        return turn.IsAcquired ? hash.Matches(password) : null;
    }

    /// <summary>A new hash of <paramref name="password"/>; null when too many checks are waiting already.</summary>
    public async Task<PasswordHash?> CreateAsync(string password, CancellationToken cancellationToken)
    {
        using var turn = await _turns.AcquireAsync(1, cancellationToken);
        return turn.IsAcquired ? PasswordHash.Create(password) : null;
    }

    public void Dispose() => _turns.Dispose();
}
