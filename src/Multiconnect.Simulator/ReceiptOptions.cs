namespace Multiconnect.Simulator;

/// <summary>
/// Multiconnect:Simulator:Receipts. Every accepted message gets <c>sent</c> (or, at
/// <see cref="FailedRatio"/>, <c>failed</c>) after <see cref="SentDelay"/>; then <c>delivered</c> at
/// <see cref="DeliveredRatio"/> and <c>read</c> at <see cref="ReadRatio"/> of the delivered ones, each
/// delay counted from acceptance.
/// </summary>
public sealed class ReceiptOptions
{
    public bool Enabled { get; set; } = true;

    public TimeSpan SentDelay { get; set; } = TimeSpan.Zero;

    public TimeSpan DeliveredDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan ReadDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public double DeliveredRatio { get; set; } = 1.0;

    public double ReadRatio { get; set; } = 0.5;

    public double FailedRatio { get; set; }
}
