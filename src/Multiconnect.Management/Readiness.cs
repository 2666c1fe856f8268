namespace Multiconnect.Management;

/// <summary>
/// Whether the process can do its work now; when it cannot, why, as one of a fixed set of codes: the
/// management port is not authenticated, so it tells what state the process is in and nothing more
/// (the details go to the log).
/// </summary>
public sealed record Readiness(bool IsReady, string? Reason)
{
    public static readonly Readiness Ready = new(true, null);

    /// <summary>The host has not finished starting.</summary>
    public static readonly Readiness Starting = new(false, "starting");

    /// <summary>The host is stopping.</summary>
    public static readonly Readiness Stopping = new(false, "stopping");

    /// <summary>A CoreApp's silo is not (or no longer) Active in cluster membership.</summary>
    public static readonly Readiness NotActive = new(false, "not_active_in_cluster");

    /// <summary>A gateway cannot reach the cluster.</summary>
    public static readonly Readiness ClusterUnreachable = new(false, "cluster_unreachable");
}
