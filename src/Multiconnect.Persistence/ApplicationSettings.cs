namespace Multiconnect.Persistence;

/// <summary>
/// The application settings the gateway keeps (one row per cluster service): where callbacks go, and
/// whether <c>sent</c> statuses are among them. No URL: callbacks wait in the outbox.
/// </summary>
public sealed record ApplicationSettings(Uri? WebhookUrl, bool SentStatus)
{
    public static ApplicationSettings Default { get; } = new(null, false);
}
