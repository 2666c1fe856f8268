namespace Multiconnect.Management;

/// <summary>
/// <c>Multiconnect:Management</c>: the port on which the process serves its orchestrator, without
/// authentication, <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>. 0 (the default): not served.
/// </summary>
public sealed class ManagementOptions
{
    public const string Section = "Multiconnect:Management";

    public int Port { get; set; }
}
