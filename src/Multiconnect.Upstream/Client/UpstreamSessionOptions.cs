using Multiconnect.Contracts.Routing;

namespace Multiconnect.Upstream.Client;

/// <summary>What a shard says when it opens its session: which number, which shard of how many, its fencing epoch and the number's certificate.</summary>
public sealed record UpstreamSessionOptions
{
    /// <summary>The server's WebSocket address, e.g. ws://127.0.0.1:8090/v1/upstream.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>Country code, digits only (1–3).</summary>
    public required string Cc { get; init; }

    /// <summary>National number, digits only.</summary>
    public required string Phone { get; init; }

    public required int Shard { get; init; }

    public required ShardCount Shards { get; init; }

    /// <summary>The generation of the shard map the session is opened under.</summary>
    public long Generation { get; init; }

    /// <summary>The epoch of this shard's ownership lease; the server refuses anything older than the highest it has seen.</summary>
    public required long Epoch { get; init; }

    /// <summary>The number's base64 verified-name certificate.</summary>
    public required string? Certificate { get; init; }

    /// <summary>Most sends in flight (sent, not yet acknowledged) at once; further sends wait.</summary>
    public int Window { get; init; } = 512;

    /// <summary>A name for the server's observer (e.g. the CoreApp's node name).</summary>
    public string? ClientName { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a ping may go unanswered before the session ends as disconnected; by default three keep-alive intervals.</summary>
    public TimeSpan? KeepAliveTimeout { get; init; }

    internal TimeSpan EffectiveKeepAliveTimeout => KeepAliveTimeout ?? KeepAliveInterval * 3;

    /// <summary>The server's WebSocket address for an HTTP base address such as http://127.0.0.1:8090.</summary>
    public static Uri EndpointFor(Uri httpBaseAddress)
    {
        ArgumentNullException.ThrowIfNull(httpBaseAddress);
        var builder = new UriBuilder(httpBaseAddress)
        {
            Scheme = httpBaseAddress.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Path = UpstreamProtocol.Path,
        };
        return builder.Uri;
    }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Endpoint);
        if (Shard < 0 || Shard >= Shards.Value)
        {
            throw new ArgumentOutOfRangeException(nameof(Shard), Shard, $"A shard id is between 0 and {Shards.Value - 1}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(Epoch);
        ArgumentOutOfRangeException.ThrowIfLessThan(Window, 1);
        if (KeepAliveTimeout is { } timeout && timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(KeepAliveTimeout), timeout, "The keep-alive timeout must be positive.");
        }
    }
}
