namespace Multiconnect.Tests.Integration.Infrastructure;

/// <summary>
/// One CoreApp and one gateway on their own PostgreSQL, shared by tests that only talk to the API
/// and leave the cluster as they found it.
/// </summary>
public sealed class ApiClusterFixture : IAsyncLifetime
{
    private PostgresServer? _server;
    private LocalCluster? _cluster;

    public GatewayNode Gateway { get; private set; } = null!;

    public string Token { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        _cluster = await LocalCluster.CreateAsync(_server);
        await _cluster.StartCoreAppAsync("coreapp-a");
        Gateway = await _cluster.StartGatewayAsync("gateway-1");
        Token = await Gateway.LoginAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiClusterCollection : ICollectionFixture<ApiClusterFixture>
{
    public const string Name = "api-cluster";
}
