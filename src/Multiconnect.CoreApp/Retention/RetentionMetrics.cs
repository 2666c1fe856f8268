using System.Diagnostics.Metrics;
using Multiconnect.Contracts.Telemetry;

namespace Multiconnect.CoreApp.Retention;

/// <summary>
/// The pruner's instrument on the <c>Multiconnect</c> meter: rows deleted past their retention, by table.
/// Undelivered callbacks dropped beyond the backlog's bounds are not among them; they are
/// multiconnect.webhooks.dropped. Names and meanings: docs/metrics.md.
/// </summary>
internal sealed class RetentionMetrics
{
    private readonly Counter<long> _deleted;

    public RetentionMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MulticonnectMeter.Name);
        _deleted = meter.CreateCounter<long>("multiconnect.retention.deleted", description: "Rows deleted because their retention had passed, by table");
    }

    public void Deleted(string table, long count)
    {
        if (count > 0)
        {
            _deleted.Add(count, new KeyValuePair<string, object?>("table", table));
        }
    }
}
