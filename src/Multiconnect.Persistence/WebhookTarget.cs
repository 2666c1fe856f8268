namespace Multiconnect.Persistence;

/// <summary>Where callbacks go now, and whether 'sent' statuses are among them (the application settings).</summary>
public sealed record WebhookTarget(Uri Url, bool SentStatus);
