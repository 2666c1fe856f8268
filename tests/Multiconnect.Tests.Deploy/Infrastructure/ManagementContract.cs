using Multiconnect.Management;

namespace Multiconnect.Tests.Deploy.Infrastructure;

/// <summary>
/// The management endpoints every process serves when Multiconnect__Management__Port is set, as the
/// code names them (the port's key is checked against ManagementOptions like every other setting).
/// </summary>
public static class ManagementContract
{
    public const string PortVariable = "Multiconnect__Management__Port";
    public const string LivePath = ManagementPaths.Live;
    public const string ReadyPath = ManagementPaths.Ready;
    public const string MetricsPath = ManagementPaths.Metrics;
    public const string HealthcheckArgument = HealthCheckCommand.Name;
}
