namespace Multiconnect.Management;

/// <summary>Whether the process can do its work now; when it cannot, why.</summary>
public sealed record Readiness(bool IsReady, string? Reason)
{
    public static readonly Readiness Ready = new(true, null);

    public static Readiness NotReady(string reason) => new(false, reason);
}
