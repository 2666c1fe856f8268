using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Multiconnect.Persistence;

namespace Multiconnect.Gateway.Auth;

/// <summary>Issues bearer tokens (256 random bits), recognises them through <see cref="TokenLookup"/>, and revokes them.</summary>
public sealed class TokenIssuer(IApiTokenStore store, TokenLookup lookup, IOptions<AuthOptions> options, TimeProvider clock)
{
    /// <summary>A token for <paramref name="userName"/>, valid while the user's password keeps <paramref name="passwordSalt"/>.</summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(string userName, byte[]? passwordSalt, CancellationToken cancellationToken)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var issued = new ApiToken(Digest(token), userName, now, now + options.Value.TokenLifetime, passwordSalt);
        await store.SaveAsync(issued, cancellationToken);
        return (token, issued.ExpiresAt);
    }

    /// <summary>The user a presented token belongs to, or null when it is unknown, expired or revoked.</summary>
    public async Task<string?> RecogniseAsync(string token, CancellationToken cancellationToken) =>
        (await lookup.FindAsync(Digest(token), cancellationToken))?.UserName;

    /// <summary>Ends one token at once, on every replica; false when it was not a valid token.</summary>
    public Task<bool> RevokeAsync(string token, CancellationToken cancellationToken) => store.RevokeAsync(Digest(token), cancellationToken);

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
