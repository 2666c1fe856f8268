using k8s.Models;

namespace Multiconnect.Tests.Deploy.Infrastructure;

/// <summary>A rendered object that runs pods, and the pods it runs.</summary>
public sealed record Workload(string Kind, string Name, int? Replicas, V1PodTemplateSpec Template)
{
    public V1PodSpec Pod => Template.Spec;

    public IReadOnlyList<V1Container> Containers => [.. Pod.Containers];

    public V1Container Container => Pod.Containers.Count == 1
        ? Pod.Containers[0]
        : throw new InvalidOperationException($"{Kind} {Name} runs {Pod.Containers.Count} containers; these manifests run one per pod.");

    /// <summary>The program a container's image runs: multiconnect-coreapp:0.1.0 → Multiconnect.CoreApp.</summary>
    public static string ProgramOf(V1Container container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var image = container.Image;
        var name = image[(image.LastIndexOf('/') + 1)..];
        name = name.Split(':')[0];
        return ImageNames.ProgramOf(name);
    }

    /// <summary>A port as manifests refer to it: a number, or the name of one of the container's ports.</summary>
    public static int ContainerPort(V1Container container, IntOrString port)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(port);
        return int.TryParse(port.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : container.Ports.Single(p => p.Name == port.Value).ContainerPort;
    }

    public bool Selects(IDictionary<string, string>? selector) =>
        selector is { Count: > 0 } && selector.All(label => Template.Metadata.Labels.TryGetValue(label.Key, out var value) && value == label.Value);
}
