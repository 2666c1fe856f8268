namespace Multiconnect.Persistence;

/// <summary>
/// The application settings (one row per cluster service), with the original's names and defaults
/// (docs/webhooks.md, "Application settings"): where callbacks go (no URL: they wait in the outbox),
/// which statuses are among them, the linear back-off of a failing webhook and how many callbacks are
/// in flight at once. <see cref="CallbackPersist"/>, <see cref="HeartbeatInterval"/> and
/// <see cref="UnhealthyInterval"/> are kept and shown, and change nothing here: callbacks are always
/// persisted, and failover has its own, faster, detection.
/// </summary>
public sealed record ApplicationSettings(
    Uri? WebhookUrl,
    bool SentStatus,
    bool DeliveredStatus = true,
    bool ReadStatus = true,
    bool CallbackPersist = true,
    int CallbackBackoffDelayMs = 3000,
    int MaxCallbackBackoffDelayMs = 900_000,
    int MaxConcurrentRequests = 6,
    int HeartbeatInterval = 5,
    int UnhealthyInterval = 30)
{
    public static ApplicationSettings Default { get; } = new(null, false);

    /// <summary>The values webhooks.max_concurrent_requests may take, as in the original.</summary>
    public static IReadOnlyList<int> ConcurrentRequestsAllowed { get; } = [6, 12, 18, 24];

    /// <summary>
    /// The wait before retrying a conversation that has failed <paramref name="failures"/> times in a row
    /// (1 or more): the original's linear back-off, one <see cref="CallbackBackoffDelayMs"/> more per
    /// failure, at most <see cref="MaxCallbackBackoffDelayMs"/>.
    /// </summary>
    public TimeSpan BackoffAfter(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min((long)CallbackBackoffDelayMs * Math.Max(failures, 1), MaxCallbackBackoffDelayMs));
}
