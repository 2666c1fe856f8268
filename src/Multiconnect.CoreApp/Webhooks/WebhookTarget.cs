namespace Multiconnect.CoreApp.Webhooks;

/// <summary>Where callbacks go now, and whether 'sent' statuses are among them (the application settings).</summary>
internal sealed record WebhookTarget(Uri Url, bool SentStatus);
