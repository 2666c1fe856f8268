namespace Multiconnect.Persistence;

/// <summary>
/// One callback waiting in webhook_outbox: its place (<paramref name="Seq"/>) in the order of its
/// conversation, the body to POST, and how many attempts failed so far. Every row goes: statuses the
/// application settings switch off are never written (<see cref="PostgresCallbackStore.RecordStatusesAsync"/>).
/// </summary>
public sealed record OutboxRow(long Seq, string Conversation, string Payload, int Attempts);
