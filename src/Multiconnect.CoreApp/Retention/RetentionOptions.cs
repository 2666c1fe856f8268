namespace Multiconnect.CoreApp.Retention;

/// <summary>
/// Multiconnect:Retention: how long rows are kept once they are done with, and how the pruner deletes
/// them. Environment: Multiconnect__Retention__SentMessages and so on. Checked at start-up
/// (<see cref="RetentionOptionsValidator"/>). Callbacks have their own settings in Multiconnect:Webhooks
/// (DeliveredRetention, MaxPendingAge, MaxPendingCallbacks). See docs/operations.md#retention.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Multiconnect:Retention";

    /// <summary>
    /// Messages are deleted this long after the upstream acknowledged them. A message not yet sent is
    /// never deleted, however old.
    /// </summary>
    public TimeSpan SentMessages { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Users' messages are deleted this long after they arrived, once their callback no longer waits for
    /// the webhook. Until then <c>PUT /v1/messages/{id}</c> can mark them read (the gateway looks up
    /// which shard received them), and a redelivery of the same id by the upstream is recognised.
    /// </summary>
    public TimeSpan InboundMessages { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Media files (POST /v1/media) are deleted this long after they were uploaded. The original deletes
    /// none itself and advises that outgoing media are "generally safe to remove past 30 days" (the WhatsApp
    /// servers keep a sent file for 14 days, then ask the client for it again): docs/api.md, "Media".
    /// </summary>
    public TimeSpan Media { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Fence events (refused attempts of replaced shard owners, the audit trail of fencing) are deleted after this.</summary>
    public TimeSpan FenceEvents { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Most rows one delete statement removes. Each statement holds the webhook dispatcher's connection
    /// while it runs (about 10 ms for 5,000 rows here), so a batch also bounds how long a callback waits
    /// for the pruner.
    /// </summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>
    /// The wait after a pass that found nothing more past retention. Rows outlive their retention by at
    /// most about this long; a pass that finds more goes on at once.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
}
