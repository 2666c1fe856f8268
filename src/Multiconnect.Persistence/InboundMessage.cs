namespace Multiconnect.Persistence;

/// <summary>A message a user wrote to the business, as the upstream delivered it (time in Unix milliseconds), with the name on the user's profile when the upstream tells it.</summary>
public sealed record InboundMessage(string Id, string From, string Body, long TimestampMs, string? Name = null);
