using k8s.Models;

namespace Multiconnect.Tests.Deploy.Infrastructure;

/// <summary>
/// What Kubernetes would inject into a rendered container, on this machine instead: the pod's name,
/// its IP (127.0.0.1), the values of Secrets and ConfigMaps, Services' DNS names (127.0.0.1, since
/// every process here runs on loopback) and volumes (a temporary directory each). Everything else is
/// the image's ENV and the manifest's env, taken as they are. ConfigMaps the overlay does not render
/// (production's upstream) take their values from <paramref name="configMaps"/>.
/// </summary>
public sealed class PodOnThisMachine(
    RenderedOverlay overlay,
    IReadOnlyDictionary<(string Name, string Key), string> secrets,
    string volumes,
    IReadOnlyDictionary<(string Name, string Key), string>? configMaps = null)
{
    public const string PodIp = "127.0.0.1";

    /// <summary>The environment the container would start with in a pod named <paramref name="podName"/>.</summary>
    public Dictionary<string, string?> Environment(Workload workload, string podName)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var container = workload.Container;
        var image = Workload.ProgramOf(container);
        var dockerfile = Dockerfile.All().Single(d => ImageNames.ProgramOf(ImageNames.ImageOfDockerfile(d.Path)) == image);
        var environment = dockerfile.Environment.ToDictionary(e => e.Key, e => (string?)e.Value);
        foreach (var variable in container.Env)
        {
            environment[variable.Name] = Substitute(workload, Resolve(variable, podName));
        }

        return environment;
    }

    private string Resolve(V1EnvVar variable, string podName)
    {
        if (variable.ValueFrom is not { } source)
        {
            return variable.Value;
        }

        if (source.FieldRef is { } field)
        {
            return field.FieldPath switch
            {
                "metadata.name" => podName,
                "status.podIP" => PodIp,
                _ => throw new NotSupportedException($"{variable.Name}: the local start knows no value for {field.FieldPath}"),
            };
        }

        if (source.SecretKeyRef is { } secret)
        {
            return secrets.TryGetValue((secret.Name, secret.Key), out var value)
                ? value
                : throw new InvalidOperationException($"{variable.Name}: no value for Secret {secret.Name} key {secret.Key}");
        }

        if (source.ConfigMapKeyRef is { } configMap)
        {
            return overlay.ConfigMapValue(configMap.Name, configMap.Key)
                ?? configMaps?.GetValueOrDefault((configMap.Name, configMap.Key))
                ?? throw new InvalidOperationException($"{variable.Name}: {overlay.Profile} renders no ConfigMap {configMap.Name} with key {configMap.Key}");
        }

        throw new NotSupportedException($"{variable.Name}: the local start cannot resolve this reference");
    }

    /// <summary>The temporary directory that stands for the volume <paramref name="volumeName"/> of <paramref name="workload"/>'s pods.</summary>
    public string VolumeDirectory(Workload workload, string volumeName)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return Directory.CreateDirectory(Path.Combine(volumes, workload.Name, volumeName)).FullName;
    }

    private string Substitute(Workload workload, string value)
    {
        foreach (var service in overlay.All<V1Service>())
        {
            value = value.Replace($"://{service.Metadata.Name}:", $"://{PodIp}:", StringComparison.Ordinal);
        }

        foreach (var mount in workload.Container.VolumeMounts ?? [])
        {
            if (value.StartsWith(mount.MountPath + "/", StringComparison.Ordinal))
            {
                // Once: the temporary directory may itself lie under another mount's path (/tmp).
                return VolumeDirectory(workload, mount.Name) + value[mount.MountPath.Length..];
            }
        }

        return value;
    }
}
