namespace Multiconnect.Upstream;

/// <summary>The statuses a <c>receipt</c> frame carries, as the original's status webhooks name them.</summary>
public static class ReceiptStatus
{
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Read = "read";
    public const string Failed = "failed";
}
