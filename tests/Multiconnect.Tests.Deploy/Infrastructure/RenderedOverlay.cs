using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace Multiconnect.Tests.Deploy.Infrastructure;

/// <summary>
/// One profile of deploy/k8s as `kubectl kustomize` renders it, parsed strictly (an unknown field
/// fails) into the Kubernetes object model.
/// </summary>
public sealed class RenderedOverlay
{
    public const string Production = "production";
    public const string Staging = "staging";

    private static readonly ConcurrentDictionary<string, Lazy<RenderedOverlay>> Rendered = new();

    private RenderedOverlay(string profile, IReadOnlyList<object> objects)
    {
        Profile = profile;
        Objects = objects;
    }

    public string Profile { get; }

    public IReadOnlyList<object> Objects { get; }

    /// <summary>The one namespace the overlay puts every object in.</summary>
    public string Namespace => Objects.Cast<IMetadata<V1ObjectMeta>>().Select(o => o.Metadata.NamespaceProperty).Distinct().Single();

    public NetworkPolicies NetworkPolicies => new(All<V1NetworkPolicy>());

    public static RenderedOverlay Of(string profile) =>
        Rendered.GetOrAdd(profile, p => new Lazy<RenderedOverlay>(() => Render(p))).Value;

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public T Named<T>(string name)
        where T : IMetadata<V1ObjectMeta> =>
        All<T>().SingleOrDefault(o => o.Metadata.Name == name)
        ?? throw new InvalidOperationException($"{Profile} renders no {typeof(T).Name} named {name}.");

    /// <summary>Every object that runs pods: Deployments, StatefulSets and Jobs.</summary>
    public IReadOnlyList<Workload> Workloads =>
    [
        .. All<V1Deployment>().Select(d => new Workload("Deployment", d.Metadata.Name, d.Spec.Replicas, d.Spec.Template)),
        .. All<V1StatefulSet>().Select(s => new Workload("StatefulSet", s.Metadata.Name, s.Spec.Replicas, s.Spec.Template)),
        .. All<V1Job>().Select(j => new Workload("Job", j.Metadata.Name, null, j.Spec.Template)),
    ];

    public Workload Workload(string name) =>
        Workloads.SingleOrDefault(w => w.Name == name) ?? throw new InvalidOperationException($"{Profile} renders no workload named {name}.");

    /// <summary>The value under <paramref name="key"/> of a ConfigMap this overlay renders, or null when it renders none such.</summary>
    public string? ConfigMapValue(string name, string key) =>
        All<V1ConfigMap>().SingleOrDefault(c => c.Metadata.Name == name)?.Data?.TryGetValue(key, out var value) == true ? value : null;

    private static RenderedOverlay Render(string profile)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "deploy", "k8s", "overlays", profile);
        var yaml = Kubectl.Kustomize(directory);
        return new RenderedOverlay(profile, KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true));
    }
}
