using System.Collections.Concurrent;

namespace Multiconnect.Persistence;

/// <summary>Development mode only: tokens known to this one gateway, lost when it stops.</summary>
public sealed class InMemoryApiTokenStore : IApiTokenStore
{
    private readonly ConcurrentDictionary<string, ApiToken> _tokens = new();

    public Task SaveAsync(ApiToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        _tokens[Convert.ToHexString(token.Hash)] = token;
        return Task.CompletedTask;
    }

    public Task<ApiToken?> FindAsync(byte[] hash, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(_tokens.TryGetValue(Convert.ToHexString(hash), out var token) && token.ExpiresAt > now ? token : null);
}
