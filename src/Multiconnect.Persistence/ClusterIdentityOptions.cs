namespace Multiconnect.Persistence;

/// <summary>
/// Multiconnect:Cluster: which Orleans cluster the CoreApps and gateways of one deployment form.
/// Two deployments sharing one database keep apart by using different ids.
/// </summary>
public sealed class ClusterIdentityOptions
{
    public const string Section = "Multiconnect:Cluster";

    public string ClusterId { get; set; } = "multiconnect";

    public string ServiceId { get; set; } = "multiconnect";
}
