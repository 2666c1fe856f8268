using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Multiconnect.Tests.Integration.Infrastructure;
using Npgsql;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// What an orchestrator sees on each process's management port: liveness from the start, readiness
/// only while the process can do its work, and the `healthcheck` command a container runs.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ManagementTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Join = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_coreapp_is_live_while_it_joins_and_ready_only_once_its_silo_is_active()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);

        // While the test holds the membership tables, no silo can join: the CoreApp runs, and waits.
        await using var holder = await cluster.Database.OpenConnectionAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockTables = new NpgsqlCommand("LOCK TABLE OrleansMembershipVersionTable, OrleansMembershipTable IN ACCESS EXCLUSIVE MODE", holder, hold))
        {
            await lockTables.ExecuteNonQueryAsync();
        }

        var coreApp = await cluster.StartCoreAppAsync("coreapp-a", waitUntilActive: false);
        using var management = new HttpClient { BaseAddress = coreApp.ManagementUrl };
        await Eventually.True(async () => !coreApp.HasExited && await StatusAsync(management, "/health/live") == HttpStatusCode.OK,
            "the joining CoreApp to answer liveness", Join);

        var (status, body) = await GetAsync(management, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("not_ready", body.GetProperty("status").GetString());
        Assert.Contains(body.GetProperty("reason").GetString(), new[] { "starting", "not_active_in_cluster" }); // a code, never exception text

        await hold.RollbackAsync();
        await Eventually.True(async () => await StatusAsync(management, "/health/ready") == HttpStatusCode.OK, "the CoreApp to be ready once it joined", Join);
        Assert.Contains(await cluster.MembershipAsync(), row => row is { SiloName: "coreapp-a", Status: 3 });
        (status, body) = await GetAsync(management, "/health/live");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("live", body.GetProperty("status").GetString());
        Assert.Equal("ready", (await GetAsync(management, "/health/ready")).Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_gateway_is_ready_only_while_a_coreapp_answers()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var gateway = await cluster.StartGatewayAsync("gateway-1", waitUntilReady: false);
        using var management = new HttpClient { BaseAddress = gateway.Process.ManagementUrl };

        await Eventually.True(async () => !gateway.Process.HasExited && await StatusAsync(management, "/health/live") == HttpStatusCode.OK,
            "the gateway to answer liveness with no CoreApp running", Join);
        var (status, body) = await GetAsync(management, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("not_ready", body.GetProperty("status").GetString());

        var coreApp = await cluster.StartCoreAppAsync("coreapp-a");
        await Eventually.True(async () => await StatusAsync(management, "/health/ready") == HttpStatusCode.OK, "the gateway to be ready once a CoreApp runs", Join);

        await coreApp.SignalAsync("KILL");
        await Eventually.True(async () => await StatusAsync(management, "/health/ready") == HttpStatusCode.ServiceUnavailable,
            "the gateway to be not ready once its only CoreApp is killed", Join);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(management, "/health/live"));
    }

    [Fact]
    public async Task Management_endpoints_are_served_only_on_the_management_port_and_the_api_only_on_its_own()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        await cluster.StartCoreAppAsync("coreapp-a");
        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();
        using var management = new HttpClient { BaseAddress = gateway.Process.ManagementUrl };

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(management, "/health/ready"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(management, "/v1/health"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(management, "/v1/users/login"));
        foreach (var path in new[] { "/health/live", "/health/ready", "/metrics" })
        {
            using var response = await gateway.SendAsync(HttpMethod.Get, path, token);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task Healthcheck_exits_0_against_a_live_process_1_when_nothing_listens_and_2_without_a_management_port()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var simulator = await cluster.StartSimulatorAsync();
        var coreApp = await cluster.StartCoreAppAsync("coreapp-a");
        var gateway = await cluster.StartGatewayAsync("gateway-1");

        foreach (var (program, url) in new[]
        {
            ("Multiconnect.CoreApp", coreApp.ManagementUrl),
            ("Multiconnect.Gateway", gateway.Process.ManagementUrl),
            ("Multiconnect.Simulator", simulator.Process.ManagementUrl),
        })
        {
            var live = await HealthCheckAsync(program, url!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(live.ExitCode == 0, $"{program} healthcheck: {live.ExitCode} {live.Error}");
        }

        var nobody = await HealthCheckAsync("Multiconnect.Gateway", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, nobody.ExitCode);
        foreach (var port in new[] { null, "0", "not-a-port" })
        {
            var unconfigured = await HealthCheckAsync("Multiconnect.CoreApp", port);
            Assert.Equal(2, unconfigured.ExitCode);
            Assert.Contains("Multiconnect__Management__Port", unconfigured.Error, StringComparison.Ordinal);
        }
    }

    private static Task<(int ExitCode, string Output, string Error)> HealthCheckAsync(string program, string? port) =>
        NodeProcess.RunToEndAsync(program, new Dictionary<string, string?> { [NodeProcess.ManagementPortVariable] = port }, "healthcheck");

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
