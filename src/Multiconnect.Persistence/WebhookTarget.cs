namespace Multiconnect.Persistence;

/// <summary>Where callbacks go now, and the application settings that say which go and how they are retried.</summary>
public sealed record WebhookTarget(Uri Url, ApplicationSettings Settings);
