namespace Multiconnect.Management;

/// <summary>The body of <c>/health/live</c> and <c>/health/ready</c>: <c>{"status":"…","reason":"…"}</c>.</summary>
public sealed record HealthStatus(string Status, string? Reason = null)
{
    public static readonly HealthStatus Live = new("live");

    public static HealthStatus Of(Readiness readiness) =>
        readiness is { IsReady: true } ? new("ready") : new("not_ready", readiness?.Reason);
}
