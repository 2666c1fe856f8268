using System.Diagnostics;

namespace Multiconnect.Tests.Deploy.Infrastructure;

/// <summary>
/// The container cluster as a user runs it: the images built by deploy/docker/build-images.sh on the base
/// local-base.sh makes, PostgreSQL from deploy/podman/local-postgres.sh, and deploy/podman/cluster.sh up,
/// under a name of its own so that nothing else on the machine is touched; disposing runs cluster.sh down.
/// </summary>
public sealed class ContainerCluster : IAsyncDisposable
{
    private static readonly string Scripts = Path.Combine(RepositoryPaths.Root, "deploy");
    private static readonly string ClusterScript = Path.Combine(Scripts, "podman", "cluster.sh");

    /// <summary>cluster.sh's state directory (MULTICONNECT_HOME) for this cluster alone: its env file and overlay.</summary>
    private readonly string _home;

    private ContainerCluster(string name, int coreApps, IReadOnlyDictionary<string, string> environment, string home)
    {
        Name = name;
        _home = home;
        CoreAppPods = [.. Enumerable.Range(0, coreApps).Select(i => $"multiconnect-coreapp-{i}")];
        Api = new Uri(environment["API"]);
        Simulator = new Uri(environment["SIMULATOR"]);
        AdminPassword = environment["PASSWORD"];
        SimulatorToken = environment["SIMULATOR_TOKEN"];
        PostgresConnectionString = environment["POSTGRES"];
    }

    /// <summary>The cluster's name: the prefix of its containers and the name of its network.</summary>
    public string Name { get; }

    public IReadOnlyList<string> CoreAppPods { get; }

    public const string SimulatorPod = "multiconnect-simulator-0";

    public const string GatewayPod = "multiconnect-gateway-0";

    public const string PostgresContainerSuffix = "postgres";

    /// <summary>The label cluster.sh puts on everything it makes, with the cluster's name as its value.</summary>
    public const string Label = "io.multiconnect.cluster";

    /// <summary>Every pod the cluster runs from our images (PostgreSQL is not one).</summary>
    public IReadOnlyList<string> Pods => [SimulatorPod, .. CoreAppPods, GatewayPod];

    /// <summary>The gateway's API, published on 127.0.0.1.</summary>
    public Uri Api { get; }

    /// <summary>The simulator's endpoint and admin API, published on 127.0.0.1.</summary>
    public Uri Simulator { get; }

    public string AdminPassword { get; }

    public string SimulatorToken { get; }

    /// <summary>The cluster's database, through the port PostgreSQL's container publishes on 127.0.0.1.</summary>
    public string PostgresConnectionString { get; }

    public string Container(string pod) => $"{Name}-{pod}";

    /// <summary>Builds the three images FROM the local base, and the PostgreSQL image; returns the latter's name.</summary>
    public static async Task<string> BuildImagesAsync()
    {
        await RunAsync(Path.Combine(Scripts, "docker", "build-images.sh"), TimeSpan.FromMinutes(10), "--local-base");
        return (await RunAsync(Path.Combine(Scripts, "podman", "local-postgres.sh"), TimeSpan.FromMinutes(5))).Trim();
    }

    public static async Task<ContainerCluster> UpAsync(string postgresImage, int coreApps)
    {
        var name = $"mc-test-{Guid.NewGuid():N}"[..16];
        var home = Directory.CreateTempSubdirectory("mc-containers-").FullName;
        string[] named = ["--name", name];
        try
        {
            await RunAsync(ClusterScript, TimeSpan.FromMinutes(5), home, ["up", .. named, "--coreapps", $"{coreApps}", "--gateways", "1", "--postgres-image", postgresImage]);
            var environment = (await RunAsync(ClusterScript, TimeSpan.FromSeconds(30), home, ["env", .. named]))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => pair[1].Trim('\''), StringComparer.Ordinal);
            return new ContainerCluster(name, coreApps, environment, home);
        }
        catch
        {
            await RunAsync(ClusterScript, TimeSpan.FromMinutes(1), home, ["down", .. named]);
            Directory.Delete(home, recursive: true);
            throw;
        }
    }

    private bool _removed;

    /// <summary>Removes every container, the network and the volume (cluster.sh down); once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_removed)
        {
            return;
        }

        _removed = true;
        try
        {
            await RunAsync(ClusterScript, TimeSpan.FromMinutes(1), _home, ["down", "--name", Name]);
        }
        finally
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private static Task<string> RunAsync(string script, TimeSpan limit, params string[] arguments) =>
        RunAsync(script, limit, home: null, arguments);

    private static async Task<string> RunAsync(string script, TimeSpan limit, string? home, string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [script, .. arguments]) { WorkingDirectory = RepositoryPaths.Root };
        if (home is not null)
        {
            start.Environment["MULTICONNECT_HOME"] = home;
        }

        var (exitCode, output, error) = await ProcessRun.ToEndAsync(start, limit);
        return exitCode == 0
            ? output
            : throw new InvalidOperationException($"{Path.GetFileName(script)} {string.Join(' ', arguments)} failed ({exitCode}):\n{output}\n{error}");
    }
}
