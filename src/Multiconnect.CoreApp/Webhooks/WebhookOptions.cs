namespace Multiconnect.CoreApp.Webhooks;

/// <summary>
/// Multiconnect:Webhooks: how the webhook dispatcher delivers callbacks. Environment:
/// Multiconnect__Webhooks__BatchSize and so on. Checked at start-up (<see cref="WebhookOptionsValidator"/>).
/// How many callbacks are in flight and how a failing webhook is retried are application settings
/// (webhooks.max_concurrent_requests, callback_backoff_delay_ms, max_callback_backoff_delay_ms),
/// which the dispatcher reads on every pass.
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Multiconnect:Webhooks";

    /// <summary>Most rows of one conversation read and delivered, one after another, per turn.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>How often the dispatcher looks for new callbacks when it has nothing to do.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A callback POST not answered within this is a failure, retried with backoff.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a CoreApp that is not the dispatcher tries to take the role.</summary>
    public TimeSpan StandbyInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A dispatcher that cannot show PostgreSQL it is alive for this long loses the role: the server
    /// ends its session (idle_session_timeout), and with it the lock. It stops sending after half of it.
    /// </summary>
    public TimeSpan HolderTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Delivered callbacks are deleted from the outbox after this long.</summary>
    public TimeSpan DeliveredRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Undelivered callbacks are kept until the webhook accepts them (the original's callback_persist,
    /// on by default), with no URL set too, but no longer than this: older ones are dropped, counted in
    /// multiconnect.webhooks.dropped{reason="age"} and logged. The original gives up retrying after
    /// about 24 hours; a week covers a receiver that is down for a long weekend.
    /// </summary>
    public TimeSpan MaxPendingAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// At most this many undelivered callbacks are kept: one is dropped once this many callbacks have
    /// been written after it (multiconnect.webhooks.dropped{reason="count"}, logged), so the outbox's
    /// backlog stays within the bound whatever the rate. About 400 bytes each on disk, indexes included:
    /// the default bounds the backlog to about 2 GB.
    /// </summary>
    public long MaxPendingCallbacks { get; set; } = 5_000_000;
}
