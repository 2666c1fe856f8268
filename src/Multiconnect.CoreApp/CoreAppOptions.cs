namespace Multiconnect.CoreApp;

/// <summary>Multiconnect:CoreApp. Environment: Multiconnect__CoreApp__Name, …__SiloPort and so on.</summary>
public sealed class CoreAppOptions
{
    public const string Section = "Multiconnect:CoreApp";

    /// <summary>The node name shown in health and the dashboard; the pod name on Kubernetes.</summary>
    public string Name { get; set; } = $"coreapp-{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>The IP address other silos and gateways reach this one at. Empty: Orleans picks one.</summary>
    public string? AdvertisedAddress { get; set; }

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Development mode only: the silo port of the CoreApp that the others join.</summary>
    public int PrimarySiloPort { get; set; } = 11111;
}
