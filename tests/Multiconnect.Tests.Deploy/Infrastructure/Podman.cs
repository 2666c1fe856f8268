using System.Diagnostics;
using System.Text.Json;

namespace Multiconnect.Tests.Deploy.Infrastructure;

/// <summary>
/// The podman command line, and the tools the container cluster's scripts need. .ci/run installs them and
/// points CONTAINERS_CONF at the configuration this machine needs; deploy/README.md says what they are.
/// </summary>
public static class Podman
{
    /// <summary>What deploy/docker/build-images.sh, local-base.sh, deploy/podman/local-postgres.sh and cluster.sh run.</summary>
    public static readonly IReadOnlyList<string> Tools = ["podman", "mmdebstrap", "jq", "curl", "kubectl"];

    /// <summary>The tools of <see cref="Tools"/> that are not on PATH.</summary>
    public static IReadOnlyList<string> MissingTools =>
        [.. Tools.Where(tool => !(Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, tool))))];

    /// <summary>Runs podman to its end; its standard output, or an exception with everything it wrote.</summary>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await TryAsync(arguments);
        return exitCode == 0 ? output : throw new InvalidOperationException($"podman {string.Join(' ', arguments)} failed ({exitCode}):\n{output}{error}");
    }

    /// <summary>Runs podman to its end: exit code, standard output, standard error.</summary>
    public static Task<(int ExitCode, string Output, string Error)> TryAsync(params string[] arguments) =>
        ProcessRun.ToEndAsync(new ProcessStartInfo("podman", arguments), TimeSpan.FromMinutes(2));

    /// <summary>
    /// Starts a stopped container. Its conmon keeps the descriptors podman was given, so podman's output
    /// goes to a file rather than to a pipe that would then never end.
    /// </summary>
    public static async Task StartAsync(string container)
    {
        var log = Path.GetTempFileName();
        try
        {
            var (exitCode, _, _) = await ProcessRun.ToEndAsync(
                new ProcessStartInfo("sh", ["-c", "exec podman start \"$1\" </dev/null >\"$2\" 2>&1", "sh", container, log]), TimeSpan.FromMinutes(1));
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"podman start {container} failed ({exitCode}):\n{await File.ReadAllTextAsync(log)}");
            }
        }
        finally
        {
            File.Delete(log);
        }
    }

    /// <summary>`podman inspect` of one container.</summary>
    public static async Task<JsonElement> InspectAsync(string container) =>
        JsonDocument.Parse(await RunAsync("inspect", "--type", "container", container)).RootElement[0].Clone();
}
