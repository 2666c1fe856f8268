using Npgsql;

namespace Multiconnect.Harness;

/// <summary>
/// CoreApps and gateways as separate processes on one fresh database, started as a deployment
/// starts them: environment variables only.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    public const string AdminUser = "admin";
    public static readonly string AdminPassword = $"pw-{Guid.NewGuid():N}";

    private readonly System.Collections.Concurrent.ConcurrentQueue<NodeProcess> _nodes = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, NodeProcess> _coreApps = new();

    private LocalCluster(string connectionString, ClusterTlsFiles? tls)
    {
        ConnectionString = connectionString;
        Database = NpgsqlDataSource.Create(connectionString);
        Tls = tls;
    }

    /// <summary>
    /// With mutual TLS on the Orleans connections: the cluster CA and node certificate every CoreApp and
    /// gateway is started with (in a temporary directory, removed with the cluster); otherwise null.
    /// </summary>
    public ClusterTlsFiles? Tls { get; }

    /// <summary>The test's own connections to the cluster's database, to look at what the cluster wrote.</summary>
    public NpgsqlDataSource Database { get; }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = Database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public string ConnectionString { get; }

    /// <summary>The simulated WhatsApp servers, once started; CoreApps started after that connect to them.</summary>
    public RunningSimulator? Simulator { get; private set; }

    public async Task<RunningSimulator> StartSimulatorAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        Simulator = await RunningSimulator.StartAsync(settings);
        return Simulator;
    }

    /// <summary>The business number and certificate <see cref="RegisterAccountAsync"/> named last.</summary>
    public (string Phone, string Cert)? Account { get; private set; }

    /// <summary>Registers a new business number (with a certificate from the simulator, and its code) and sets the shard count; returns the number.</summary>
    public async Task<string> RegisterAccountAsync(GatewayNode gateway, string token, int shards)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var simulator = Simulator ?? throw new InvalidOperationException("Start the simulator first.");
        var phone = RunningSimulator.NewPhone();
        Account = (phone, await simulator.IssueCertificateAsync(phone));
        await simulator.RegisterAsync((path, json) => gateway.SendAsync(HttpMethod.Post, path, token, json), phone, Account.Value.Cert);
        using var set = await ChangeShardCountAsync(gateway, token, shards);
        set.EnsureSuccessStatusCode();
        return phone;
    }

    /// <summary>POST /v1/account/shards for the registered number, as a client calls it; the answer as it came.</summary>
    public Task<HttpResponseMessage> ChangeShardCountAsync(GatewayNode gateway, string token, int shards)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var (phone, cert) = Account ?? throw new InvalidOperationException("Register an account first.");
        return gateway.SetShardCountAsync(token, shards, phone, cert);
    }

    /// <summary>A cluster on a new database of <paramref name="server"/>; with <paramref name="tls"/>, its processes use mutual TLS.</summary>
    public static async Task<LocalCluster> CreateAsync(PostgresServer server, bool migrate = true, bool tls = false)
    {
        ArgumentNullException.ThrowIfNull(server);
        var files = tls ? ClusterTlsFiles.ReadOrCreate(Directory.CreateTempSubdirectory("mc-tls-").FullName) : null;
        var cluster = new LocalCluster(await server.CreateDatabaseAsync(), files);
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

    public async Task<NodeProcess> StartCoreAppAsync(string name, int maxPoolSize = 4, IReadOnlyDictionary<string, string?>? settings = null, bool waitUntilActive = true)
    {
        var environment = PostgresEnvironment(maxPoolSize);
        NodeProcess.AddManagementPort(environment);
        AddTls(environment);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        environment["Multiconnect__CoreApp__Name"] = name;
        environment["Multiconnect__CoreApp__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Multiconnect__CoreApp__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Multiconnect__CoreApp__AdvertisedAddress"] = "127.0.0.1";
        environment["Multiconnect__Shards__UpstreamUrl"] = Simulator?.Process.BaseAddress.ToString();
        var node = Track(NodeProcess.Start(name, "Multiconnect.CoreApp", environment));
        _coreApps[name] = node;
        if (!waitUntilActive)
        {
            return node;
        }

        await Eventually.True(
            async () => !node.HasExited ? await IsActiveAsync(name) : throw new InvalidOperationException($"{name} exited:\n{node.Output}"),
            $"CoreApp {name} to be an active silo", TimeSpan.FromSeconds(60));
        return node;
    }

    /// <summary>The CoreApp process started last under this name.</summary>
    public NodeProcess CoreApp(string name) => _coreApps[name];

    /// <summary>Every CoreApp started, running or not.</summary>
    public IReadOnlyCollection<NodeProcess> CoreApps => [.. _coreApps.Values];

    public async Task<GatewayNode> StartGatewayAsync(
        string name, int maxPoolSize = 4, bool waitUntilReady = true, string? adminPassword = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var environment = PostgresEnvironment(maxPoolSize);
        AddTls(environment);

        // Tests poll and probe far faster than the original's 20 requests a second: the request-rate limit
        // is off unless a test sets it (RateLimitTests does).
        environment["Multiconnect__Gateway__RateLimits__OtherPerSecond"] = "0";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        environment["Multiconnect__Gateway__Name"] = name;
        environment["MULTICONNECT_ADMIN_PASSWORD"] = adminPassword ?? AdminPassword;
        NodeProcess.AddManagementPort(environment);
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
        await using var command = Database.CreateCommand("SELECT SiloName, Status FROM OrleansMembershipTable ORDER BY SiloName");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return rows;
    }

    /// <summary>The shard leases as the database holds them: shard → (owner node name, epoch), for held leases.</summary>
    public async Task<IReadOnlyDictionary<int, (string Owner, long Epoch)>> LeasesAsync()
    {
        await using var command = Database.CreateCommand("SELECT shard_id, owner_name, epoch FROM shard_leases WHERE owner_silo IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync();
        var leases = new Dictionary<int, (string, long)>();
        while (await reader.ReadAsync())
        {
            leases[reader.GetInt32(0)] = (reader.GetString(1), reader.GetInt64(2));
        }

        return leases;
    }

    /// <summary>Refused attempts by replaced shard owners: (shard, stale epoch, stale silo address).</summary>
    public async Task<IReadOnlyList<(int ShardId, long StaleEpoch, string StaleSilo)>> FenceEventsAsync()
    {
        await using var command = Database.CreateCommand("SELECT shard_id, stale_epoch, stale_silo FROM shard_fence_events ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<(int, long, string)>();
        while (await reader.ReadAsync())
        {
            events.Add((reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2)));
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }

        await Database.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (Tls is not null)
        {
            Directory.Delete(Tls.Directory, recursive: true);
        }
    }

    private const int ActiveStatus = 3;

    private async Task<bool> IsActiveAsync(string name) =>
        (await MembershipAsync()).Any(row => row.SiloName == name && row.Status == ActiveStatus);

    private NodeProcess Track(NodeProcess node)
    {
        _nodes.Enqueue(node);
        return node;
    }

    /// <summary>The cluster's TLS settings, before a test's own settings (which may replace them).</summary>
    private void AddTls(Dictionary<string, string?> environment)
    {
        foreach (var (key, value) in Tls?.Environment ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
    }

    private Dictionary<string, string?> PostgresEnvironment(int maxPoolSize) => new()
    {
        ["Multiconnect__Postgres__ConnectionString"] = ConnectionString,
        ["Multiconnect__Postgres__MaxPoolSize"] = maxPoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
