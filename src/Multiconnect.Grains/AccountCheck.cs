using Microsoft.Extensions.Options;
using Multiconnect.Contracts.Grains;
using Multiconnect.Grains.Messaging;
using Multiconnect.Upstream;
using Multiconnect.Upstream.Client;

namespace Multiconnect.Grains;

/// <summary>
/// What the master asks the WhatsApp servers about the business account (docs/upstream-protocol.md,
/// "Account checks"): a check of its certificate and two-step PIN before it stores the account, and
/// turning two-step verification on or off. Without an upstream configured (in-process tests) there is
/// nothing to ask, and the account is taken as given.
/// </summary>
public sealed class AccountCheck(IOptions<ShardOptions> options, UpstreamAccounts accounts)
{
    /// <summary>Whether there are WhatsApp servers to ask: without them, the first number given is taken as registered.</summary>
    public bool HasUpstream => options.Value.UpstreamUrl is not null;

    /// <summary>The servers' answer to a check of the account with <paramref name="cert"/> (null: none given), or null when there is no upstream to ask.</summary>
    public async Task<AccountCheckResponse?> CheckAsync(string cc, string phoneNumber, string? cert, string? pin, CancellationToken cancellationToken) =>
        options.Value.UpstreamUrl is { } upstream
            ? await accounts.CheckAsync(upstream, cc, phoneNumber, cert, pin, cancellationToken)
            : null;

    /// <summary>The servers' answer to a request for a registration code, or null when there is no upstream to ask.</summary>
    public async Task<AccountCheckResponse?> RequestCodeAsync(BusinessAccount account, string method, string? pin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return options.Value.UpstreamUrl is { } upstream
            ? await accounts.RequestCodeAsync(upstream, account.Cc, account.PhoneNumber, account.Certificate, pin, method, cancellationToken)
            : null;
    }

    /// <summary>The servers' answer to the registration code, or null when there is no upstream to ask.</summary>
    public async Task<AccountCheckResponse?> VerifyAsync(BusinessAccount account, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return options.Value.UpstreamUrl is { } upstream
            ? await accounts.VerifyAsync(upstream, account.Cc, account.PhoneNumber, code, cancellationToken)
            : null;
    }

    /// <summary>The servers' answer to turning two-step on (<paramref name="pin"/>) or off (null), or null when there is no upstream to ask.</summary>
    public async Task<AccountCheckResponse?> SetTwoStepAsync(BusinessAccount account, string? pin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return options.Value.UpstreamUrl is { } upstream
            ? await accounts.SetTwoStepAsync(upstream, account.Cc, account.PhoneNumber, account.Certificate, pin, cancellationToken)
            : null;
    }
}
