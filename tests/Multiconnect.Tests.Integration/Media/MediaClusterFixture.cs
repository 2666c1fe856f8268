using System.Globalization;

namespace Multiconnect.Tests.Integration.Media;

/// <summary>
/// One CoreApp and two gateways on their own PostgreSQL, for the media tests: a file uploaded through one
/// gateway must be served by the other. The limits are small, so that the tests run over them quickly: 4 MB
/// in all, documents 3 MB, images 1 KB (a chunk is 1 MB, so a document of 2.5 MB is three chunks).
/// </summary>
public sealed class MediaClusterFixture : IAsyncLifetime
{
    public const int ImageBytes = 1024;
    public const int DocumentBytes = 3 * 1024 * 1024;
    public const int MaxUploadBytes = 4 * 1024 * 1024;

    private PostgresServer? _server;

    public LocalCluster Cluster { get; private set; } = null!;

    public GatewayNode Gateway1 { get; private set; } = null!;

    public GatewayNode Gateway2 { get; private set; } = null!;

    public string AdminToken { get; private set; } = "";

    /// <summary>A ROLE_USER's token: media are every user's, as in the original.</summary>
    public string UserToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        Cluster = await LocalCluster.CreateAsync(_server);
        await Cluster.StartCoreAppAsync("coreapp-a");
        var limits = new Dictionary<string, string?>
        {
            ["Multiconnect__Gateway__Media__MaxUploadBytes"] = MaxUploadBytes.ToString(CultureInfo.InvariantCulture),
            ["Multiconnect__Gateway__Media__DocumentBytes"] = DocumentBytes.ToString(CultureInfo.InvariantCulture),
            ["Multiconnect__Gateway__Media__ImageBytes"] = ImageBytes.ToString(CultureInfo.InvariantCulture),
        };
        Gateway1 = await Cluster.StartGatewayAsync("gateway-1", settings: limits);
        Gateway2 = await Cluster.StartGatewayAsync("gateway-2", settings: limits);
        AdminToken = await Gateway1.LoginAsync();
        using var created = await Gateway1.SendAsync(HttpMethod.Post, "/v1/users", AdminToken, """{"username":"media-user","password":"Media-pass1"}""");
        created.EnsureSuccessStatusCode();
        UserToken = await Gateway2.LoginAsync("media-user", "Media-pass1");
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
