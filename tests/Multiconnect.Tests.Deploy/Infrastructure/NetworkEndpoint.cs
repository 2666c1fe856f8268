using System.Net;
using k8s.Models;

namespace Multiconnect.Tests.Deploy.Infrastructure;

/// <summary>
/// One end of a connection as NetworkPolicy sees it: a pod (its namespace and that namespace's
/// labels, its own labels, its containers' ports) or an address outside the cluster.
/// </summary>
public sealed record NetworkEndpoint
{
    private NetworkEndpoint(string name) => Name = name;

    public string Name { get; }

    /// <summary>The pod's namespace; null for an address outside the cluster.</summary>
    public string? Namespace { get; private init; }

    public IReadOnlyDictionary<string, string> NamespaceLabels { get; private init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Labels { get; private init; } = new Dictionary<string, string>();

    public IReadOnlyList<V1ContainerPort> Ports { get; private init; } = [];

    /// <summary>The address outside the cluster; null for a pod.</summary>
    public IPAddress? Address { get; private init; }

    public bool IsPod => Namespace is not null;

    /// <summary>A pod; its namespace carries the label Kubernetes gives every namespace, kubernetes.io/metadata.name.</summary>
    public static NetworkEndpoint Pod(string name, string @namespace, IDictionary<string, string> labels, IEnumerable<V1ContainerPort>? ports = null) => new(name)
    {
        Namespace = @namespace,
        NamespaceLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = @namespace },
        Labels = new Dictionary<string, string>(labels),
        Ports = [.. ports ?? []],
    };

    /// <summary>A pod of a rendered workload, with its template's labels and its containers' ports.</summary>
    public static NetworkEndpoint Of(Workload workload, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return Pod(workload.Name, @namespace, workload.Template.Metadata.Labels, workload.Containers.SelectMany(c => c.Ports ?? []));
    }

    public static NetworkEndpoint Outside(string name, string address) => new(name) { Address = IPAddress.Parse(address) };

    public override string ToString() => Name;
}
