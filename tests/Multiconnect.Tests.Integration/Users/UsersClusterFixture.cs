namespace Multiconnect.Tests.Integration.Users;

/// <summary>
/// One CoreApp and two gateways on their own PostgreSQL, for the users tests: users and tokens are shared by
/// the gateways through the database, so whatever one gateway revokes the other must refuse at once.
/// Gateway 1 checks one password at a time with two waiting (so that a flood of logins is visibly capped), and
/// allows many failed logins (the flood's are not the throttle's business);
/// gateway 2 allows 3 failed logins per minute (one more every 20 s, much longer than 3 password checks
/// take even on a loaded machine), so that a throttle test is short.
/// </summary>
public sealed class UsersClusterFixture : IAsyncLifetime
{
    public const int FailedLoginLimit = 3;

    private PostgresServer? _server;

    public LocalCluster Cluster { get; private set; } = null!;

    public GatewayNode Gateway1 { get; private set; } = null!;

    public GatewayNode Gateway2 { get; private set; } = null!;

    /// <summary>The admin's password now: the environment's until a test changes it through the API.</summary>
    public string AdminPassword { get; set; } = LocalCluster.AdminPassword;

    public string AdminToken { get; set; } = "";

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        Cluster = await LocalCluster.CreateAsync(_server);
        await Cluster.StartCoreAppAsync("coreapp-a");
        Gateway1 = await Cluster.StartGatewayAsync("gateway-1", settings: new Dictionary<string, string?>
        {
            ["Multiconnect__Auth__PasswordHashConcurrency"] = "1",
            ["Multiconnect__Auth__PasswordHashQueue"] = "2",
            ["Multiconnect__Auth__FailedLoginLimit"] = "1000",
        });
        Gateway2 = await Cluster.StartGatewayAsync("gateway-2", settings: new Dictionary<string, string?>
        {
            ["Multiconnect__Auth__FailedLoginLimit"] = FailedLoginLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Multiconnect__Auth__FailedLoginWindow"] = "00:01:00",
        });
        AdminToken = await Gateway1.LoginAsync();
        await Eventually.True(async () => (await Cluster.LeasesAsync()).Count == 1, "shard 0 to be placed");
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
