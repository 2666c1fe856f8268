namespace Multiconnect.Simulator.Traffic;

/// <summary>Which receipts one message will get, drawn when it is accepted.</summary>
[Flags]
public enum ReceiptPlan
{
    /// <summary>Receipts are off.</summary>
    None = 0,
    Sent = 1,
    Failed = 2,
    Delivered = 4,
    Read = 8,
}
