using System.Globalization;
using System.Net;
using System.Text.Json;
using Multiconnect.Tests.Integration.Infrastructure;
using Multiconnect.Testing;

namespace Multiconnect.Tests.Integration;

[Collection(PostgresCollection.Name)]
public sealed class StartupTests(PostgresFixture postgres)
{
    private const string InMemory = "Multiconnect__Postgres__InMemory";

    [Theory]
    [InlineData("Multiconnect.CoreApp", null)]
    [InlineData("Multiconnect.CoreApp", "")]
    [InlineData("Multiconnect.CoreApp", "   ")]
    [InlineData("Multiconnect.Gateway", "")]
    public async Task Without_a_connection_string_and_without_asking_for_development_mode_a_process_refuses_to_start(string program, string? connectionString)
    {
        await using var process = NodeProcess.Start("no-postgres", program, new Dictionary<string, string?>
        {
            ["Multiconnect__Postgres__ConnectionString"] = connectionString,
            ["MULTICONNECT_ADMIN_PASSWORD"] = LocalCluster.AdminPassword,
        }, "--urls", $"http://127.0.0.1:{FreePort.Next()}");

        Assert.NotEqual(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Multiconnect__Postgres__ConnectionString", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("NOTHING IS DURABLE: ", process.Output, StringComparison.Ordinal); // it never ran in development mode
    }

    [Fact]
    public async Task A_gateway_without_an_admin_password_refuses_to_start_and_says_why()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);

        var gateway = await cluster.StartGatewayAsync("gateway-1", waitUntilReady: false, adminPassword: "");

        Assert.NotEqual(0, await gateway.Process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("MULTICONNECT_ADMIN_PASSWORD", gateway.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_cluster_is_gone_the_gateway_answers_503_in_the_error_format()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var coreApp = await cluster.StartCoreAppAsync("coreapp-a");
        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();

        await coreApp.StopAsync(TimeSpan.FromSeconds(30));

        var body = await Eventually.Get(async () =>
        {
            using var response = await gateway.SendAsync(HttpMethod.Get, "/v1/account/shards", token);
            return response.StatusCode == HttpStatusCode.ServiceUnavailable ? await response.Content.ReadAsStringAsync() : null;
        }, "the gateway to report the cluster unavailable", TimeSpan.FromSeconds(60));
        using var json = JsonDocument.Parse(body);
        Assert.Equal(1011, json.RootElement.GetProperty("errors")[0].GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Without_postgres_a_coreapp_and_gateway_run_in_development_mode_and_say_nothing_is_durable()
    {
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var httpPort = FreePort.Next();
        var ports = CultureInfo.InvariantCulture;
        await using var coreApp = NodeProcess.Start("coreapp-dev", "Multiconnect.CoreApp", new Dictionary<string, string?>
        {
            ["Multiconnect__CoreApp__Name"] = "coreapp-dev",
            ["Multiconnect__CoreApp__SiloPort"] = siloPort.ToString(ports),
            ["Multiconnect__CoreApp__PrimarySiloPort"] = siloPort.ToString(ports),
            ["Multiconnect__CoreApp__GatewayPort"] = gatewayPort.ToString(ports),
            [InMemory] = "true",
        });
        await using var gatewayProcess = NodeProcess.Start("gateway-dev", "Multiconnect.Gateway", new Dictionary<string, string?>
        {
            ["Multiconnect__Gateway__DevelopmentGatewayPorts__0"] = gatewayPort.ToString(ports),
            ["MULTICONNECT_ADMIN_PASSWORD"] = LocalCluster.AdminPassword,
            [InMemory] = "true",
        }, "--urls", $"http://127.0.0.1:{httpPort}");
        var gateway = new GatewayNode(gatewayProcess, new Uri($"http://127.0.0.1:{httpPort}"));

        await gateway.WaitUntilReadyAsync();
        var token = await gateway.LoginAsync();
        using (var created = await gateway.SetShardCountAsync(token, 2))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        Assert.Equal(2, await gateway.GetShardCountAsync(token));
        Assert.Contains("NOTHING IS DURABLE", coreApp.Output, StringComparison.Ordinal);
        Assert.Contains("NOTHING IS DURABLE", gatewayProcess.Output, StringComparison.Ordinal);
    }
}
