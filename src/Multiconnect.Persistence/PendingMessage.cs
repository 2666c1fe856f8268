namespace Multiconnect.Persistence;

/// <summary>An accepted message as the log holds it until the upstream acknowledges it.</summary>
public sealed record PendingMessage(string Id, string Recipient, string Body);
