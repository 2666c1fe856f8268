using System.Globalization;
using Multiconnect.Gateway.Metrics;

namespace Multiconnect.Gateway.Apis;

/// <summary>
/// One figure in the original's shape of /v1/metrics and /v1/stats: <c>{"data":[{"labels":{…},"value":n}],"help":"…","type":"gauge|counter"}</c>,
/// under its name.
/// </summary>
public sealed record StatsMetric(IReadOnlyList<StatsSample> Data, string Help, string Type)
{
    /// <summary>A figure with one sample per shard, labelled by shard and by <paramref name="ownerLabel"/> (the owning node).</summary>
    public static StatsMetric PerShard(ClusterMetrics metrics, string ownerLabel, string help, string type, Func<ShardMetricsEntry, long> value)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new([.. metrics.Shards.Select(s => StatsSample.Of(value(s), ("shard", s.Shard.ToString(CultureInfo.InvariantCulture)), (ownerLabel, s.Owner)))], help, type);
    }

    /// <summary>The figures as Prometheus text: a family per name, its samples with their labels.</summary>
    public static string ToPrometheus(IReadOnlyDictionary<string, StatsMetric> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var text = new PrometheusText();
        foreach (var (name, metric) in figures)
        {
            text.Family(name, metric.Type, metric.Help);
            foreach (var sample in metric.Data)
            {
                text.Sample(name, sample.Value, [.. sample.Labels.Select(l => (l.Key, l.Value))]);
            }
        }

        return text.ToString();
    }
}
