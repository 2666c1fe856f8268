namespace Multiconnect.Management;

/// <summary>
/// <c>Multiconnect:Management</c>: the port on which the process serves its orchestrator, without
/// authentication, <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>. 0 (the default): not served.
/// </summary>
public sealed class ManagementOptions
{
    public const string Section = "Multiconnect:Management";

    public int Port { get; set; }

    /// <summary>The address to listen on: every interface when empty (in a pod, where the kubelet probes the pod's address); 127.0.0.1 on a laptop (./mc sets it).</summary>
    public string Address { get; set; } = "";
}
