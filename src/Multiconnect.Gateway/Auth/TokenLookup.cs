using System.Threading.Channels;
using Multiconnect.Persistence;

namespace Multiconnect.Gateway.Auth;

/// <summary>
/// Checks presented tokens against the store, many requests to one query. A request waits for a query that
/// starts after it arrived, so a token revoked by any replica (logout, a password change, a deleted user) is
/// refused by the very next request on every replica; requests that arrive while a query runs share the
/// next one, so that a busy gateway pays one round-trip per batch of requests rather than one per request
/// (the group commit's idea, for reads). There is deliberately no cache: a cache would keep a revoked token
/// alive on the replicas that did not revoke it.
/// </summary>
public sealed class TokenLookup : IAsyncDisposable
{
    /// <summary>Distinct tokens one query asks for at most; more wait for the next.</summary>
    private const int MaxBatch = 256;

    private readonly Channel<(byte[] Hash, TaskCompletionSource<ApiToken?> Found)> _queue =
        Channel.CreateUnbounded<(byte[], TaskCompletionSource<ApiToken?>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly IApiTokenStore _store;
    private readonly TimeProvider _clock;
    private readonly Task _loop;

    public TokenLookup(IApiTokenStore store, TimeProvider clock)
    {
        (_store, _clock) = (store, clock);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The valid token with this hash, or null.</summary>
    public Task<ApiToken?> FindAsync(byte[] hash, CancellationToken cancellationToken)
    {
        var found = new TaskCompletionSource<ApiToken?>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite((hash, found))
            ? found.Task.WaitAsync(cancellationToken)
            : Task.FromException<ApiToken?>(new ObjectDisposedException(nameof(TokenLookup)));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<(byte[] Hash, TaskCompletionSource<ApiToken?> Found)>();
        var hashes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            hashes.Clear();
            while (hashes.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
                hashes.TryAdd(Convert.ToHexString(item.Hash), item.Hash);
            }

            try
            {
                var valid = (await _store.FindValidAsync(hashes.Values, _clock.GetUtcNow(), CancellationToken.None))
                    .ToDictionary(token => Convert.ToHexString(token.Hash), StringComparer.Ordinal);
                foreach (var (hash, found) in batch)
                {
                    found.TrySetResult(valid.GetValueOrDefault(Convert.ToHexString(hash)));
                }
            }
            catch (Exception e)
            {
                foreach (var (_, found) in batch)
                {
                    found.TrySetException(e);
                }
            }
        }
    }
}
