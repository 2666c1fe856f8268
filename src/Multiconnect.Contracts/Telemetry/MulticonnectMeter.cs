namespace Multiconnect.Contracts.Telemetry;

/// <summary>Our own meter: every instrument named <c>multiconnect.*</c> (docs/metrics.md).</summary>
public static class MulticonnectMeter
{
    public const string Name = "Multiconnect";
}
