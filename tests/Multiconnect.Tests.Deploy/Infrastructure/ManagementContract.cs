namespace Multiconnect.Tests.Deploy.Infrastructure;

/// <summary>
/// The management endpoints every process serves when Multiconnect__Management__Port is set: the
/// contract of the probes-and-metrics work, which is not on this branch yet. Until an options class
/// declares the Multiconnect:Management section, its Port key is the one key the manifests may set that
/// no program reads; once one does, it is checked like every other key.
/// </summary>
public static class ManagementContract
{
    public const string Section = "Multiconnect:Management";
    public const string PortKey = Section + ":Port";
    public const string PortVariable = "Multiconnect__Management__Port";
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string MetricsPath = "/metrics";
    public const string HealthcheckArgument = "healthcheck";
}
