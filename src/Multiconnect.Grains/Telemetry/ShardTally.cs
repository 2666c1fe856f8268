namespace Multiconnect.Grains.Telemetry;

/// <summary>One shard activation's counts: kept for <c>GetStatsAsync</c>, and added to the silo's <see cref="ShardMetrics"/>.</summary>
public sealed class ShardTally
{
    private readonly ShardMetrics _metrics;
    private readonly Func<int> _backlog;
    private long _accepted;
    private long _sent;
    private long _delivered;

    internal ShardTally(ShardMetrics metrics, int shardId, Func<int> backlog) =>
        (_metrics, ShardId, _backlog) = (metrics, shardId, backlog);

    public int ShardId { get; }

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Sent => Interlocked.Read(ref _sent);

    public long Delivered => Interlocked.Read(ref _delivered);

    public int Backlog => _backlog();

    /// <summary><paramref name="count"/> messages were committed (new ones only: a retried id is not counted again).</summary>
    public void OnAccepted(int count)
    {
        Interlocked.Add(ref _accepted, count);
        _metrics.Accepted(ShardId, count);
    }

    public void OnSent()
    {
        Interlocked.Increment(ref _sent);
        _metrics.Sent(ShardId);
    }

    /// <summary>A handover released <paramref name="buckets"/> buckets, whose <paramref name="messages"/> messages had waited.</summary>
    public void OnReleased(int buckets, int messages) => _metrics.Released(ShardId, buckets, messages);

    /// <summary>The last held bucket was released, <paramref name="duration"/> after the first was held.</summary>
    public void OnHandoverEnded(TimeSpan duration) => _metrics.HandoverEnded(ShardId, duration);

    /// <summary>The upstream refused a message for what it holds: a failed status went to the webhook.</summary>
    public void OnFailed(string reason) => _metrics.Failed(ShardId, reason);

    /// <summary>The file of a user's media message could not be fetched; the message was stored without it.</summary>
    public void OnInboundMediaUnavailable() => _metrics.InboundMediaUnavailable(ShardId);

    public void OnDelivered()
    {
        Interlocked.Increment(ref _delivered);
        _metrics.Delivered(ShardId);
    }
}
