using Npgsql;

namespace Multiconnect.Tests.Integration.Infrastructure;

/// <summary>
/// CoreApps and gateways as separate processes on one fresh database, started as a deployment
/// starts them: environment variables only.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    public const string AdminUser = "admin";
    public static readonly string AdminPassword = $"pw-{Guid.NewGuid():N}";

    private readonly System.Collections.Concurrent.ConcurrentQueue<NodeProcess> _nodes = new();

    private LocalCluster(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static async Task<LocalCluster> CreateAsync(PostgresServer server, bool migrate = true)
    {
        var cluster = new LocalCluster(await server.CreateDatabaseAsync());
        if (migrate)
        {
            var exitCode = await cluster.MigrateAsync();
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"migrate failed with {exitCode}");
            }
        }

        return cluster;
    }

    /// <summary>Runs `Multiconnect.CoreApp migrate` and returns its exit code.</summary>
    public async Task<int> MigrateAsync()
    {
        await using var migrate = NodeProcess.Start("migrate", "Multiconnect.CoreApp", PostgresEnvironment(2), "migrate");
        var exitCode = await migrate.WaitForExitAsync(TimeSpan.FromMinutes(1));
        return exitCode == 0 ? 0 : throw new InvalidOperationException($"migrate exited with {exitCode}:\n{migrate.Output}");
    }

    public async Task<NodeProcess> StartCoreAppAsync(string name, int maxPoolSize = 4, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var environment = PostgresEnvironment(maxPoolSize);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        environment["Multiconnect__CoreApp__Name"] = name;
        environment["Multiconnect__CoreApp__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Multiconnect__CoreApp__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Multiconnect__CoreApp__AdvertisedAddress"] = "127.0.0.1";
        var node = Track(NodeProcess.Start(name, "Multiconnect.CoreApp", environment));
        await Eventually.True(
            async () => !node.HasExited ? await IsActiveAsync(name) : throw new InvalidOperationException($"{name} exited:\n{node.Output}"),
            TimeSpan.FromSeconds(60),
            $"CoreApp {name} to be an active silo");
        return node;
    }

    public async Task<GatewayNode> StartGatewayAsync(string name, int maxPoolSize = 4, bool waitUntilReady = true, string? adminPassword = null)
    {
        var environment = PostgresEnvironment(maxPoolSize);
        environment["Multiconnect__Gateway__Name"] = name;
        environment["MULTICONNECT_ADMIN_PASSWORD"] = adminPassword ?? AdminPassword;
        var port = FreePort.Next();
        var node = Track(NodeProcess.Start(name, "Multiconnect.Gateway", environment, "--urls", $"http://127.0.0.1:{port}"));
        var gateway = new GatewayNode(node, new Uri($"http://127.0.0.1:{port}"));
        if (waitUntilReady)
        {
            await gateway.WaitUntilReadyAsync();
        }

        return gateway;
    }

    public async Task<IReadOnlyList<(string SiloName, int Status)>> MembershipAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT SiloName, Status FROM OrleansMembershipTable ORDER BY SiloName");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
    }

    private const int ActiveStatus = 3;

    private async Task<bool> IsActiveAsync(string name) =>
        (await MembershipAsync()).Any(row => row.SiloName == name && row.Status == ActiveStatus);

    private NodeProcess Track(NodeProcess node)
    {
        _nodes.Enqueue(node);
        return node;
    }

    private Dictionary<string, string?> PostgresEnvironment(int maxPoolSize) => new()
    {
        ["Multiconnect__Postgres__ConnectionString"] = ConnectionString,
        ["Multiconnect__Postgres__MaxPoolSize"] = maxPoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
