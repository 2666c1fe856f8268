namespace Multiconnect.Persistence;

/// <summary>A message a user wrote to the business, as the upstream delivered it (time in Unix milliseconds).</summary>
public sealed record InboundMessage(string Id, string From, string Body, long TimestampMs);
