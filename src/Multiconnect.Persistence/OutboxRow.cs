namespace Multiconnect.Persistence;

/// <summary>
/// One callback waiting in webhook_outbox: its place (<paramref name="Seq"/>) in the order of its
/// conversation, the body to POST, and how many attempts failed so far.
/// </summary>
public sealed record OutboxRow(long Seq, string Conversation, string Kind, string? Status, string Payload, int Attempts)
{
    /// <summary>A 'sent' status: delivered only when the application setting sent_status is on.</summary>
    public bool IsSentStatus => Kind == "status" && Status == "sent";
}
