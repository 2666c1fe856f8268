using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Multiconnect.ClusterTls;
using Multiconnect.Contracts.Grains;
using Multiconnect.Tests.Integration.Infrastructure;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.Messaging;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// Mutual TLS on the Orleans connections (<see cref="ClusterTlsOptions"/>), with real processes: a
/// cluster whose CoreApps and gateway all hold certificates from its CA works end to end; a peer
/// without such a certificate, silo or client, plaintext or with another CA's certificate, is refused
/// on the silo port and on the client port. With TLS off, every other test runs as before.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTlsTests(PostgresFixture postgres)
{
    private const int ActiveStatus = 3;
    private const int DeadStatus = 6;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task With_mutual_TLS_two_CoreApps_and_a_gateway_form_a_cluster_and_a_message_reaches_the_upstream()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server, tls: true);
        await cluster.StartSimulatorAsync();
        await cluster.StartCoreAppAsync("coreapp-a");
        await cluster.StartCoreAppAsync("coreapp-b");
        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();
        var phone = await cluster.RegisterAccountAsync(gateway, token, shards: 2);
        await Eventually.True(async () => (await cluster.LeasesAsync()).Count == 2, "2 shards to be active", Bound);

        using var sent = await gateway.SendAsync(HttpMethod.Post, "/v1/messages", token, """{"to":"16315550123","type":"text","text":{"body":"over TLS"}}""");
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        await Eventually.True(async () => await cluster.Simulator!.CounterAsync(phone, "delivered") == 1, "the message to reach the simulator", Bound);

        // Both silos are members (they probe each other over TLS), and every process said it runs TLS.
        Assert.Equal([("coreapp-a", ActiveStatus), ("coreapp-b", ActiveStatus)], await cluster.MembershipAsync());
        foreach (var process in new[] { cluster.CoreApp("coreapp-a"), cluster.CoreApp("coreapp-b"), gateway.Process })
        {
            await Eventually.True(() => Task.FromResult(process.Output.Contains("Orleans connections use mutual TLS", StringComparison.Ordinal)), $"{process.Name} to log that it uses mutual TLS");
        }
    }

    [Fact]
    public async Task On_the_client_port_only_a_client_with_a_certificate_from_the_cluster_CA_connects()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server, tls: true);
        var coreApp = await cluster.StartCoreAppAsync("coreapp-a");
        var (_, clientPort) = await PortsAsync(cluster.Database, "coreapp-a");
        var stranger = StrangerFiles(cluster);

        // The gateway's way in, with the cluster's certificate: connects and calls the master.
        using (var member = await ConnectClientAsync(clientPort, cluster.Tls!.Environment))
        {
            var map = await member.Services.GetRequiredService<IClusterClient>().GetGrain<IShardMapGrain>(IShardMapGrain.Key).GetAsync();
            Assert.Equal(1, map.Shards.Value);
        }

        // With another CA's certificate (trusting the cluster's CA too, so that only the CoreApp can say no): refused, and the CoreApp says why.
        await Assert.ThrowsAsync<ConnectionFailedException>(() => ConnectClientAsync(clientPort, stranger));
        await Eventually.True(() => Task.FromResult(RefusedStranger(coreApp)), "the CoreApp to log that it refused the other CA's certificate", Bound);

        // In plaintext, as every client connected before TLS: refused, the CoreApp failing one more handshake.
        var failedHandshakes = FailedHandshakes(coreApp);
        await Assert.ThrowsAsync<ConnectionFailedException>(() => ConnectClientAsync(clientPort, Disabled()));
        await Eventually.True(() => Task.FromResult(FailedHandshakes(coreApp) > failedHandshakes), "the CoreApp to log the failed handshake", Bound);
    }

    [Fact]
    public async Task On_the_silo_port_a_CoreApp_without_a_certificate_from_the_cluster_CA_cannot_join()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server, tls: true);
        var member = await cluster.StartCoreAppAsync("coreapp-a");

        var stranger = await cluster.StartCoreAppAsync("coreapp-stranger", settings: AsSettings(StrangerFiles(cluster)), waitUntilActive: false);
        var plaintext = await cluster.StartCoreAppAsync("coreapp-plaintext", settings: AsSettings(Disabled()), waitUntilActive: false);

        // Neither gets through to the member nor the member through to it: the member declares each dead,
        // and each, told so while still validating its connectivity, stops with an error.
        foreach (var outsider in new[] { stranger, plaintext })
        {
            await Eventually.True(() => Task.FromResult(outsider.HasExited), $"{outsider.Name} to give up joining", TimeSpan.FromMinutes(2));
            Assert.True(outsider.ExitCode != 0, $"{outsider.Name} exited with 0:\n{outsider.Output}");
        }

        Assert.Equal([("coreapp-a", ActiveStatus), ("coreapp-plaintext", DeadStatus), ("coreapp-stranger", DeadStatus)], await cluster.MembershipAsync());
        Assert.True(RefusedStranger(member), member.Output);
        Assert.Contains("Authentication failed", member.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CoreApp_or_gateway_with_TLS_on_and_a_missing_certificate_does_not_start_and_names_the_file()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server, migrate: false, tls: true);
        var missing = Path.Combine(cluster.Tls!.Directory, "no-such.crt");
        var settings = new Dictionary<string, string?> { ["Multiconnect__ClusterTls__CertificatePath"] = missing };

        var coreApp = await cluster.StartCoreAppAsync("coreapp-a", settings: settings, waitUntilActive: false);
        var gateway = await cluster.StartGatewayAsync("gateway-1", waitUntilReady: false, settings: settings);

        foreach (var process in new[] { coreApp, gateway.Process })
        {
            Assert.NotEqual(0, await process.WaitForExitAsync(Bound));
            Assert.Contains($"Multiconnect:ClusterTls:CertificatePath: {missing} does not exist", process.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void The_CA_and_node_certificate_of_a_local_cluster_are_made_once_then_reused_and_readable_only_by_their_owner()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"mc-tls-files-{Guid.NewGuid():N}");
        try
        {
            var first = ClusterTlsFiles.ReadOrCreate(directory);
            var made = Thumbprints(first);
            var again = ClusterTlsFiles.ReadOrCreate(directory);

            Assert.Equal(made, Thumbprints(again));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
            Assert.All(new[] { again.CaPath, again.CaKeyPath, again.CertificatePath, again.KeyPath },
                file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)));
            var options = new ClusterTlsOptions { Enabled = true, CertificatePath = again.CertificatePath, KeyPath = again.KeyPath, CaPath = again.CaPath };
            Assert.Equal(made.Node, ClusterCertificates.Load(options, acceptsConnections: true).Node.Thumbprint);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        static (string Ca, string Node) Thumbprints(ClusterTlsFiles files)
        {
            using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(files.CaPath));
            using var node = X509Certificate2.CreateFromPem(File.ReadAllText(files.CertificatePath));
            return (ca.Thumbprint, node.Thumbprint);
        }
    }

    /// <summary>
    /// A node certificate from a CA of its own. It trusts both CAs, so that it would accept the cluster's
    /// nodes (and starts at all: a node refuses to start with a certificate its own CA file does not vouch for).
    /// </summary>
    private static Dictionary<string, string> StrangerFiles(LocalCluster cluster)
    {
        var files = ClusterTlsFiles.ReadOrCreate(Path.Combine(cluster.Tls!.Directory, "stranger"), "Stranger CA");
        var bothCas = Path.Combine(files.Directory, "both-cas.crt");
        File.WriteAllText(bothCas, File.ReadAllText(files.CaPath) + File.ReadAllText(cluster.Tls.CaPath));
        return new Dictionary<string, string>(files.Environment) { ["Multiconnect__ClusterTls__CaPath"] = bothCas };
    }

    private static Dictionary<string, string> Disabled() => new() { ["Multiconnect__ClusterTls__Enabled"] = "false" };

    private static Dictionary<string, string?> AsSettings(Dictionary<string, string> settings) => settings.ToDictionary(s => s.Key, string? (s) => s.Value);

    private static int FailedHandshakes(NodeProcess process) =>
        process.Output.Split('\n').Count(line => line.Contains("Authentication failed", StringComparison.Ordinal));

    private static bool RefusedStranger(NodeProcess process) =>
        process.Output.Contains("Refused a peer", StringComparison.Ordinal) && process.Output.Contains("CN=Stranger CA", StringComparison.Ordinal);

    private static async Task<(int SiloPort, int ClientPort)> PortsAsync(NpgsqlDataSource database, string siloName)
    {
        await using var command = database.CreateCommand($"SELECT Port, ProxyPort FROM OrleansMembershipTable WHERE SiloName = $1 AND Status = {ActiveStatus}");
        command.Parameters.Add(new NpgsqlParameter { Value = siloName });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"{siloName} is not an active member");
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>An Orleans client in this process, configured as a gateway is (the same TLS settings), connected to one CoreApp.</summary>
    private static async Task<IHost> ConnectClientAsync(int clientPort, IReadOnlyDictionary<string, string> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value)));
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("multiconnect", "multiconnect"));
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, clientPort));
            client.UseClusterTls(builder.Configuration);
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false)); // one attempt: its failure is the answer
        });
        var host = builder.Build();
        try
        {
            using var timeout = new CancellationTokenSource(Bound);
            await host.StartAsync(timeout.Token);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
