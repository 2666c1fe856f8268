using Microsoft.Extensions.Options;
using Multiconnect.Contracts.Grains;
using Multiconnect.Grains.Messaging;
using Multiconnect.Upstream;
using Multiconnect.Upstream.Client;

namespace Multiconnect.Grains;

/// <summary>
/// The upstream's check of the business account with its certificate, which the master asks for before
/// it stores the account (docs/upstream-protocol.md, "Account checks"). Without an upstream configured
/// (in-process tests) there is nothing to ask, and the account is taken as given.
/// </summary>
public sealed class AccountCheck(IOptions<ShardOptions> options, UpstreamAccounts accounts)
{
    /// <summary>The upstream's answer, or null when there is no upstream to ask.</summary>
    public async Task<AccountCheckResponse?> CheckAsync(BusinessAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return options.Value.UpstreamUrl is { } upstream
            ? await accounts.CheckAsync(upstream, account.Cc, account.PhoneNumber, account.Certificate, cancellationToken)
            : null;
    }
}
