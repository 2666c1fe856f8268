namespace Multiconnect.Persistence;

/// <summary>
/// A message a user wrote to the business, as the upstream delivered it (time in Unix milliseconds), with
/// the name on the user's profile when the upstream tells it. <see cref="Type"/> is the original's message
/// type; <see cref="Body"/> is the text of a <c>text</c> and the JSON of the type's object for any other.
/// </summary>
public sealed record InboundMessage(string Id, string From, string Body, long TimestampMs, string? Name = null, string Type = "text");
