using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using k8s.Models;
using Multiconnect.Tests.Deploy.Infrastructure;
using Npgsql;

namespace Multiconnect.Tests.Deploy;

/// <summary>
/// The staging profile's migration Job, simulator, a CoreApp and a gateway, started on this machine
/// exactly as their manifests start them (the image's ENV, then the container's env, with the ports
/// the manifests give), with only what Kubernetes injects substituted (<see cref="PodOnThisMachine"/>),
/// form a cluster on a private PostgreSQL, answer their probes, and deliver a message.
/// </summary>
public sealed class StartedAsDeployedTests
{
    private const int ActiveStatus = 3;
    private const string CoreAppPod = "multiconnect-coreapp-0";
    private const string GatewayPod = "multiconnect-gateway-7d4b9c6f8-x2x7q";
    private const string SimulatorPod = "multiconnect-simulator-5c7f9d8b6-k4k9z";

    [Fact]
    public async Task Processes_started_as_the_staging_manifests_start_them_form_a_cluster_on_PostgreSQL_and_deliver_a_message()
    {
        var overlay = RenderedOverlay.Of(RenderedOverlay.Staging);
        var migrate = overlay.Workload("multiconnect-migrate");
        var simulator = overlay.Workload("multiconnect-simulator");
        var coreApp = overlay.Workload("multiconnect-coreapp");
        var gateway = overlay.Workload("multiconnect-gateway");
        AssertPortsAreFree(simulator, coreApp, gateway);

        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        var adminToken = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var volumes = Directory.CreateTempSubdirectory("mc-deploy-test-").FullName;
        var pods = new PodOnThisMachine(overlay, new Dictionary<(string, string), string>
        {
            [OperatorObjects.PostgresConnectionString] = connectionString,
            [OperatorObjects.AdminPassword] = LocalCluster.AdminPassword,
            [OperatorObjects.SimulatorAdminToken] = adminToken,
        }, volumes);
        var started = new List<NodeProcess>();
        try
        {
            var migration = Start(migrate, "multiconnect-migrate-8xk2p", pods);
            started.Add(migration);
            Assert.True(await migration.WaitForExitAsync(TimeSpan.FromMinutes(1)) == 0, $"migrate failed:\n{migration.Output}");

            started.Add(Start(simulator, SimulatorPod, pods));
            var coreAppProcess = Start(coreApp, CoreAppPod, pods);
            started.Add(coreAppProcess);
            var gatewayProcess = Start(gateway, GatewayPod, pods);
            started.Add(gatewayProcess);

            // The CoreApp is an active silo at the address and ports the manifests give it.
            var coreAppEnv = coreApp.Container.Env.ToDictionary(e => e.Name, e => e.Value);
            await using var database = NpgsqlDataSource.Create(connectionString);
            var member = await Eventually.Get(
                async () => coreAppProcess.HasExited
                    ? throw new InvalidOperationException($"the CoreApp exited:\n{coreAppProcess.Output}")
                    : await ActiveMemberAsync(database, CoreAppPod),
                "the CoreApp to be an active silo", TimeSpan.FromSeconds(90));
            Assert.Equal(PodOnThisMachine.PodIp, member.Address);
            Assert.Equal(int.Parse(coreAppEnv["Multiconnect__CoreApp__SiloPort"], System.Globalization.CultureInfo.InvariantCulture), member.Port);
            Assert.Equal(int.Parse(coreAppEnv["Multiconnect__CoreApp__GatewayPort"], System.Globalization.CultureInfo.InvariantCulture), member.ProxyPort);

            // The gateway answers on the port its Service targets, with the admin password from the Secret,
            // and lists the CoreApp and itself by their pod names.
            var api = new GatewayNode(gatewayProcess, new Uri($"http://127.0.0.1:{gateway.Container.Ports.Single(p => p.Name == "http").ContainerPort}"));
            await api.WaitUntilReadyAsync();
            var token = await api.LoginAsync(password: LocalCluster.AdminPassword);
            var health = (await api.GetJsonAsync("/v1/health", token)).GetProperty("health");
            var nodes = health.EnumerateObject().Select(node => node.Name).ToList();
            Assert.Contains(nodes, node => node.EndsWith(":" + CoreAppPod, StringComparison.Ordinal));
            Assert.Contains(nodes, node => node.EndsWith(":" + GatewayPod, StringComparison.Ordinal));

            // The kubelet's probes, where the manifests point them, answer 200 for the joined CoreApp and the connected gateway.
            using var kubelet = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            foreach (var (workload, pod) in new[] { (coreApp, CoreAppPod), (gateway, GatewayPod) })
            {
                foreach (var probe in new[] { workload.Container.LivenessProbe, workload.Container.ReadinessProbe })
                {
                    var url = ProbeUrl(workload.Container, probe.HttpGet);
                    await Eventually.True(async () => (await kubelet.GetAsync(url)).StatusCode == HttpStatusCode.OK, $"{pod}'s probe {url} to answer 200");
                }
            }

            // The CoreApp's shard reaches the upstream the staging ConfigMap names: the simulator, with the token from its Secret.
            using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{simulator.Container.Ports.Single(p => p.Name == "http").ContainerPort}") };
            admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminToken);
            var phone = RunningSimulator.NewPhone();
            using var issued = await admin.PostAsJsonAsync("/admin/certificates", new { cc = RunningSimulator.Cc, phone, name = "Acme Deploy", valid_days = 30 });
            issued.EnsureSuccessStatusCode();
            var cert = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cert").GetString()!;
            using var simulatorAdmin = new SimulatorAdmin(admin.BaseAddress, adminToken);
            await simulatorAdmin.RegisterAsync((path, json) => api.SendAsync(HttpMethod.Post, path, token, json), phone, cert);
            using var account = await api.SendAsync(HttpMethod.Post, "/v1/account/shards", token,
                $$"""{"cc":"{{RunningSimulator.Cc}}","phone_number":"{{phone}}","shards":1,"cert":"{{cert}}"}""");
            Assert.Equal(HttpStatusCode.Created, account.StatusCode);
            await Eventually.True(
                async () => (await api.SendAsync(HttpMethod.Post, "/v1/messages", token, """{"to":"16315550123","type":"text","text":{"body":"Hello"}}""")).StatusCode == HttpStatusCode.Created,
                "a message to be accepted", TimeSpan.FromSeconds(60));
            await Eventually.True(
                async () => (await admin.GetFromJsonAsync<JsonElement>($"/admin/numbers/{RunningSimulator.Cc}{phone}")).GetProperty("counters").GetProperty("delivered").GetInt64() >= 1,
                "the simulator to receive the message", TimeSpan.FromSeconds(60));

            // Prometheus scrapes the CoreApp on its management port and finds the message counted.
            var scrape = await kubelet.GetStringAsync(ManagementUrl(coreApp.Container, ManagementContract.MetricsPath));
            Assert.Contains("multiconnect_messages_accepted_total{", scrape, StringComparison.Ordinal);

            // Told to stop as the kubelet tells it, the CoreApp leaves within the grace period the manifest gives it.
            var grace = TimeSpan.FromSeconds(coreApp.Pod.TerminationGracePeriodSeconds!.Value);
            await coreAppProcess.SignalAsync("TERM");
            Assert.Equal(0, await coreAppProcess.WaitForExitAsync(grace));
        }
        finally
        {
            foreach (var process in started)
            {
                await process.DisposeAsync();
            }

            Directory.Delete(volumes, recursive: true);
        }
    }

    private static NodeProcess Start(Workload workload, string podName, PodOnThisMachine pods) =>
        NodeProcess.Start(podName, Workload.ProgramOf(workload.Container), pods.Environment(workload, podName), [.. workload.Container.Args ?? []]);

    private static Uri ProbeUrl(V1Container container, V1HTTPGetAction probe) =>
        new($"http://{PodOnThisMachine.PodIp}:{Workload.ContainerPort(container, probe.Port)}{probe.Path}");

    private static Uri ManagementUrl(V1Container container, string path) =>
        new($"http://{PodOnThisMachine.PodIp}:{container.Env.Single(e => e.Name == ManagementContract.PortVariable).Value}{path}");

    private static async Task<Member?> ActiveMemberAsync(NpgsqlDataSource database, string siloName)
    {
        await using var command = database.CreateCommand("SELECT Address, Port, ProxyPort FROM OrleansMembershipTable WHERE SiloName = $1 AND Status = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = siloName });
        command.Parameters.Add(new NpgsqlParameter { Value = ActiveStatus });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new Member(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)) : null;
    }

    /// <summary>The manifests' ports are fixed; say which one is taken rather than fail obscurely.</summary>
    private static void AssertPortsAreFree(params Workload[] workloads)
    {
        foreach (var port in workloads.SelectMany(w => w.Container.Ports).Select(p => p.ContainerPort))
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Any, port);
                listener.Start();
            }
            catch (SocketException e)
            {
                Assert.Fail($"Port {port}, which the manifests give a container, is in use on this machine ({e.SocketErrorCode}); this test needs it free.");
            }
        }
    }

    private sealed record Member(string Address, int Port, int ProxyPort);
}
