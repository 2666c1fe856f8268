namespace Multiconnect.Management;

/// <summary>What the management port serves, for orchestrators' probes and Prometheus (and for the manifests' tests).</summary>
public static class ManagementPaths
{
    public const string Live = "/health/live";
    public const string Ready = "/health/ready";
    public const string Metrics = "/metrics";
}
