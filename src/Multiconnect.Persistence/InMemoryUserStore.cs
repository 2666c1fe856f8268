namespace Multiconnect.Persistence;

/// <summary>Development mode only: the users and tokens of this one gateway, lost when it stops. Behaves as <see cref="PostgresUserStore"/>.</summary>
public sealed class InMemoryUserStore : IUserStore, IApiTokenStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ApiToken> _tokens = new(StringComparer.Ordinal);

    public Task<StoredUser?> FindAsync(string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_users.GetValueOrDefault(name));
        }
    }

    public Task<bool> CreateAsync(StoredUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_lock)
        {
            return Task.FromResult(_users.TryAdd(user.Name, user));
        }
    }

    public Task<bool> SetPasswordAsync(string name, StoredPassword password, DateTimeOffset at, bool createIfMissing, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_users.TryGetValue(name, out var user))
            {
                _users[name] = user with { Password = password };
            }
            else if (createIfMissing)
            {
                _users[name] = new StoredUser(name, password, at);
            }
            else
            {
                return Task.FromResult(false);
            }

            EndTokensOf(name);
            return Task.FromResult(true);
        }
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var deleted = _users.Remove(name);
            if (deleted)
            {
                EndTokensOf(name);
            }

            return Task.FromResult(deleted);
        }
    }

    public Task SaveAsync(ApiToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_lock)
        {
            foreach (var expired in _tokens.Where(t => t.Value.ExpiresAt < token.IssuedAt).Select(t => t.Key).ToList())
            {
                _tokens.Remove(expired);
            }

            _tokens[Convert.ToHexString(token.Hash)] = token;
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<ApiToken>> FindValidAsync(IReadOnlyCollection<byte[]> hashes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        lock (_lock)
        {
            IReadOnlyList<ApiToken> found =
            [
                .. hashes.Select(hash => _tokens.GetValueOrDefault(Convert.ToHexString(hash)))
                    .OfType<ApiToken>()
                    .Where(token => token.ExpiresAt > now && SameSalt(_users.GetValueOrDefault(token.UserName)?.Password.Salt, token.PasswordSalt)),
            ];
            return Task.FromResult(found);
        }
    }

    public Task<bool> RevokeAsync(byte[] hash, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_tokens.Remove(Convert.ToHexString(hash)));
        }
    }

    private void EndTokensOf(string name)
    {
        foreach (var ended in _tokens.Where(t => t.Value.UserName == name).Select(t => t.Key).ToList())
        {
            _tokens.Remove(ended);
        }
    }

    private static bool SameSalt(byte[]? current, byte[]? issuedUnder) =>
        current is null ? issuedUnder is null : issuedUnder is not null && current.AsSpan().SequenceEqual(issuedUnder);
}
