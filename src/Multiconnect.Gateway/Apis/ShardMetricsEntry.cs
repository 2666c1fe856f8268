namespace Multiconnect.Gateway.Apis;

/// <summary>One shard in <c>GET /v1/metrics</c>: where it runs and its activation's counters (since it claimed its lease at <c>epoch</c>).</summary>
public sealed record ShardMetricsEntry(int Shard, string Owner, long Epoch, DateTimeOffset ActiveSince, long Accepted, long Sent, long Delivered, int Backlog);
