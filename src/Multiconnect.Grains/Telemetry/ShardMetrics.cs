using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Multiconnect.Contracts.Telemetry;

namespace Multiconnect.Grains.Telemetry;

/// <summary>
/// The shards' instruments on the <c>Multiconnect</c> meter, one per silo: counters tagged with the
/// shard, and the backlog of each shard this silo hosts, observed when a scrape asks.
/// Names and meanings: docs/metrics.md.
/// </summary>
public sealed class ShardMetrics
{
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _failovers;
    private readonly Counter<long> _inboundMediaUnavailable;
    private readonly Counter<long> _bucketsHeld;
    private readonly Counter<long> _messagesHeld;
    private readonly Histogram<double> _handover;
    private readonly ConcurrentDictionary<int, ShardTally> _hosted = new();

    public ShardMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MulticonnectMeter.Name);
        _accepted = meter.CreateCounter<long>("multiconnect.messages.accepted", description: "Messages committed to a shard's log");
        _sent = meter.CreateCounter<long>("multiconnect.messages.sent", description: "Messages acknowledged by the upstream");
        _delivered = meter.CreateCounter<long>("multiconnect.messages.delivered", description: "'delivered' receipts received from the upstream");
        _failed = meter.CreateCounter<long>("multiconnect.messages.failed", description: "Messages the upstream refused for what they hold: each became a 'failed' status, by reason");
        _inboundMediaUnavailable = meter.CreateCounter<long>("multiconnect.inbound.media_unavailable", description: "Users' media messages stored without their file, which could not be fetched from the servers");
        _failovers = meter.CreateCounter<long>("multiconnect.failovers", description: "Shard leases taken over from another node that still held them");
        _bucketsHeld = meter.CreateCounter<long>("multiconnect.handover.buckets", description: "Buckets of recipients a shard gained that it held until their earlier messages were delivered by another shard");
        _messagesHeld = meter.CreateCounter<long>("multiconnect.handover.messages_held", description: "Messages that waited for their recipient's earlier messages on another shard");
        _handover = meter.CreateHistogram<double>("multiconnect.handover.duration", unit: "s", description: "From a shard holding gained buckets to releasing the last of them");
        meter.CreateObservableGauge("multiconnect.shard.backlog", ObserveBacklog, description: "Messages accepted and not yet acknowledged upstream, per shard hosted here");
    }

    /// <summary>Counts for a new activation of <paramref name="shardId"/>; its backlog is observed from now on.</summary>
    public ShardTally Open(int shardId, Func<int> backlog)
    {
        var tally = new ShardTally(this, shardId, backlog);
        _hosted[shardId] = tally;
        return tally;
    }

    /// <summary>The activation ended: its backlog is no longer this silo's to report.</summary>
    public void Close(ShardTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        _hosted.TryRemove(new KeyValuePair<int, ShardTally>(tally.ShardId, tally));
    }

    public void Failover(int shardId) => _failovers.Add(1, Shard(shardId));

    internal void Accepted(int shardId, int count) => _accepted.Add(count, Shard(shardId));

    internal void Sent(int shardId) => _sent.Add(1, Shard(shardId));

    internal void InboundMediaUnavailable(int shardId) => _inboundMediaUnavailable.Add(1, Shard(shardId));

    internal void Delivered(int shardId) => _delivered.Add(1, Shard(shardId));

    internal void Failed(int shardId, string reason) => _failed.Add(1, Shard(shardId), new("reason", Messaging.StatusErrors.Label(reason)));

    internal void Released(int shardId, int buckets, int messages)
    {
        _bucketsHeld.Add(buckets, Shard(shardId));
        _messagesHeld.Add(messages, Shard(shardId));
    }

    internal void HandoverEnded(int shardId, TimeSpan duration) => _handover.Record(duration.TotalSeconds, Shard(shardId));

    private IEnumerable<Measurement<int>> ObserveBacklog() =>
        _hosted.Values.Select(tally => new Measurement<int>(tally.Backlog, Shard(tally.ShardId)));

    private static KeyValuePair<string, object?> Shard(int shardId) => new("shard", shardId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
