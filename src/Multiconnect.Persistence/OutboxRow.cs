namespace Multiconnect.Persistence;

/// <summary>
/// One callback waiting in webhook_outbox: its place (<paramref name="Seq"/>) in the order of its
/// conversation, the body to POST, and how many attempts failed so far. Whether it goes at all is the
/// application settings' to say (<see cref="ApplicationSettings.Delivers"/>).
/// </summary>
public sealed record OutboxRow(long Seq, string Conversation, string Kind, string? Status, string Payload, int Attempts);
