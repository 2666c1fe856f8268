using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Multiconnect.Persistence;

namespace Multiconnect.Gateway.Auth;

/// <summary>Issues bearer tokens (256 random bits) and recognises them, with a short cache in front of the store.</summary>
public sealed class TokenIssuer(IApiTokenStore store, IMemoryCache cache, IOptions<AuthOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(string userName, CancellationToken cancellationToken)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var issued = new ApiToken(Digest(token), userName, now, now + options.Value.TokenLifetime);
        await store.SaveAsync(issued, cancellationToken);
        return (token, issued.ExpiresAt);
    }

    /// <summary>The user a presented token belongs to, or null when it is unknown or expired.</summary>
    public async Task<string?> RecogniseAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Digest(token);
        var key = Convert.ToHexString(hash);
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(key, out ApiToken? known) && known!.ExpiresAt > now)
        {
            return known.UserName;
        }

        var found = await store.FindAsync(hash, now, cancellationToken);
        if (found is not null)
        {
            cache.Set(key, found, found.ExpiresAt < now + CacheFor ? found.ExpiresAt : now + CacheFor);
        }

        return found?.UserName;
    }

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
