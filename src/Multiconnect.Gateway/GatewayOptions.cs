namespace Multiconnect.Gateway;

/// <summary>Multiconnect:Gateway. Environment: Multiconnect__Gateway__Name and so on.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Multiconnect:Gateway";

    /// <summary>The node name shown in health; the pod name on Kubernetes.</summary>
    public string Name { get; set; } = $"gateway-{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Largest request body accepted, in bytes; larger ones get 413 in the API's error format.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Development mode only: the CoreApps' gateway ports on this machine.</summary>
    public IReadOnlyList<int> DevelopmentGatewayPorts { get; set; } = [30000];
}
