namespace Multiconnect.Testing;

/// <summary>A webhook_outbox row as the database holds it; <paramref name="Id"/> is the id of the status's or inbound message's message.</summary>
public sealed record OutboxRowState(
    long Seq, string Conversation, string? Status, string Id, int Attempts, bool Delivered, string? LastError, DateTimeOffset NextAttemptAt);
