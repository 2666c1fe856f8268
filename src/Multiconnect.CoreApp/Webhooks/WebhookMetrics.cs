using System.Diagnostics.Metrics;
using Multiconnect.Contracts.Telemetry;
using Multiconnect.Persistence;

namespace Multiconnect.CoreApp.Webhooks;

/// <summary>
/// The webhook dispatcher's instruments on the <c>Multiconnect</c> meter. The backlog is reported only
/// by the CoreApp holding the dispatcher role, from an estimate it makes every few seconds
/// (<see cref="PostgresCallbackStore.EstimateBacklogAsync(Npgsql.NpgsqlConnection, CancellationToken)"/>): a scrape never queries the database. Names and meanings: docs/metrics.md.
/// </summary>
internal sealed class WebhookMetrics
{
    /// <summary>How often the role holder measures the backlog.</summary>
    public static readonly TimeSpan MeasureBacklogEvery = TimeSpan.FromSeconds(5);

    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _dropped;
    private long _backlog = -1;

    public WebhookMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MulticonnectMeter.Name);
        _delivered = meter.CreateCounter<long>("multiconnect.webhooks.delivered", description: "Callbacks the webhook accepted (2xx)");
        _failed = meter.CreateCounter<long>("multiconnect.webhooks.failed", description: "Callback POSTs that failed and will be retried");
        _dropped = meter.CreateCounter<long>("multiconnect.webhooks.dropped", description: "Undelivered callbacks dropped beyond the backlog's bounds, by reason (age, count)");
        meter.CreateObservableGauge("multiconnect.webhooks.backlog", ObserveBacklog, description: "Callbacks not yet delivered; reported by the dispatcher role's holder");
    }

    public void Recorded(IReadOnlyCollection<ConversationTurn> turns)
    {
        ArgumentNullException.ThrowIfNull(turns);
        _delivered.Add(turns.Sum(turn => turn.Delivered.Count));
        _failed.Add(turns.Count(turn => turn.Failure is not null));
    }

    /// <summary>Undelivered callbacks dropped: <paramref name="reason"/> is age (older than MaxPendingAge) or count (beyond MaxPendingCallbacks).</summary>
    public void Dropped(string reason, long count)
    {
        if (count > 0)
        {
            _dropped.Add(count, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    /// <summary>The backlog as last measured; null when this CoreApp no longer holds the role.</summary>
    public void Backlog(long? count) => Interlocked.Exchange(ref _backlog, count ?? -1);

    private IEnumerable<Measurement<long>> ObserveBacklog() =>
        Interlocked.Read(ref _backlog) is >= 0 and var backlog ? [new Measurement<long>(backlog)] : [];
}
