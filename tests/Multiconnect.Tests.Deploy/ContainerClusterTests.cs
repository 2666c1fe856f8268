using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Multiconnect.Tests.Deploy.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Multiconnect.Tests.Deploy;

/// <summary>
/// The images, built without any registry, run as the container cluster a user starts with
/// deploy/podman/cluster.sh: each container as the staging overlay starts its pod (checked here against
/// the overlay as the deployment tests read it, not as the script does), a message flow delivered once
/// and in order, the shard-owning CoreApp's container killed and then hung with the shard served again and
/// nothing lost, every HEALTHCHECK passing, and nothing left behind.
/// </summary>
public sealed class ContainerClusterTests(ITestOutputHelper output)
{
    private const int ActiveStatus = 3;
    private const int Recipients = 40;
    private const int PerRecipient = 25;
    private static readonly TimeSpan Failover = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(90);

    [PodmanFact]
    public async Task Images_built_without_a_registry_run_as_the_staging_manifests_say_and_lose_nothing_when_the_shard_owner_is_killed_or_hung()
    {
        var clock = Stopwatch.StartNew();
        var postgresImage = await ContainerCluster.BuildImagesAsync();
        output.WriteLine($"Images built in {clock.Elapsed.TotalSeconds:0} s; {await ImageSizesAsync()}");
        var started = Stopwatch.StartNew();
        await using var cluster = await ContainerCluster.UpAsync(postgresImage, coreApps: 3);
        output.WriteLine($"Cluster up (PostgreSQL, migration, simulator, 3 CoreApps, gateway; every health check passing) in {started.Elapsed.TotalSeconds:0.0} s");
        await using var database = NpgsqlDataSource.Create(cluster.PostgresConnectionString);

        // Healthy containers need not have joined yet: a CoreApp's row turns Active once the others have checked it.
        foreach (var coreApp in Enumerable.Range(0, 3).Select(i => $"multiconnect-coreapp-{i}"))
        {
            await Eventually.True(() => IsActiveAsync(database, coreApp), $"{coreApp} to be an active silo", TimeSpan.FromSeconds(60));
        }

        await AssertStartedAsTheOverlaySaysAsync(cluster, database);

        using var api = new HttpClient { BaseAddress = cluster.Api, Timeout = TimeSpan.FromSeconds(30) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await LoginAsync(cluster));
        using var simulator = new SimulatorAdmin(cluster.Simulator, cluster.SimulatorToken);
        var (phone, cert) = await simulator.NewNumberAsync();
        await Eventually.True(async () => (await api.GetAsync("/v1/account/shards")).StatusCode == HttpStatusCode.OK, "the gateway to reach the cluster", TimeSpan.FromSeconds(60));
        await simulator.RegisterAsync((path, json) => api.PostAsync(path, Json(json)), phone, cert);
        await Eventually.True(
            async () => (await api.PostAsync("/v1/account/shards", Json($$"""{"cc":"{{SimulatorAdmin.Cc}}","phone_number":"{{phone}}","shards":2,"cert":"{{cert}}"}"""))).StatusCode == HttpStatusCode.Created,
            "the account to be registered with 2 shards", TimeSpan.FromSeconds(60));
        await Eventually.True(async () => (await LeasesAsync(database)).Count == 2, "both shards to be held", TimeSpan.FromSeconds(60));

        // A crash. Then, as a kubelet would, the killed container is started again: it rejoins as the spare.
        var crash = await FailOverUnderLoadAsync(cluster, api, simulator, phone, "KILL");
        await Podman.StartAsync(cluster.Container(crash.Victim));
        await Eventually.True(() => IsActiveAsync(database, crash.Victim), $"{crash.Victim} to rejoin", TimeSpan.FromSeconds(90));

        // A hang. Once resumed, the CoreApp finds itself declared dead and fenced, and ends; started again, it rejoins.
        var hang = await FailOverUnderLoadAsync(cluster, api, simulator, phone, "STOP");
        await Podman.RunAsync("kill", "--signal", "CONT", cluster.Container(hang.Victim));
        await Eventually.True(async () => !await IsRunningAsync(cluster.Container(hang.Victim)), $"the resumed {hang.Victim} to end", TimeSpan.FromSeconds(60));
        await Podman.StartAsync(cluster.Container(hang.Victim));
        await Eventually.True(() => IsActiveAsync(database, hang.Victim), $"{hang.Victim} to rejoin", TimeSpan.FromSeconds(90));
        Assert.Equal(0, await simulator.CounterAsync(phone, "misrouted"));
        output.WriteLine($"Shard 0 served again {crash.Serving.TotalSeconds:0.0} s after KILL of {crash.Victim}, {hang.Serving.TotalSeconds:0.0} s after STOP of {hang.Victim}");

        // Every container's HEALTHCHECK, as `podman healthcheck run` runs it (no systemd schedules them here).
        foreach (var container in cluster.Pods.Select(cluster.Container).Append(cluster.Container(ContainerCluster.PostgresContainerSuffix)))
        {
            var (exitCode, healthOutput, healthError) = await Podman.TryAsync("healthcheck", "run", container);
            Assert.True(exitCode == 0, $"{container}'s health check failed ({exitCode}): {healthOutput}{healthError}");
        }

        await database.DisposeAsync();
        await cluster.DisposeAsync();
        Assert.Empty((await Podman.RunAsync("ps", "-aq", "--filter", $"label={ContainerCluster.Label}={cluster.Name}")).Trim());
        Assert.NotEqual(0, (await Podman.TryAsync("network", "exists", cluster.Name)).ExitCode);
        Assert.NotEqual(0, (await Podman.TryAsync("volume", "exists", $"{cluster.Name}-postgres")).ExitCode);
        output.WriteLine($"Whole test: {clock.Elapsed.TotalSeconds:0} s");
    }

    /// <summary>
    /// Every pod runs the image the overlay names, with its env (the Dockerfile's ENV under it), its user, a
    /// read-only root filesystem, no capabilities, no privilege escalation, its memory limit and the image's
    /// HEALTHCHECK; each CoreApp is an active silo at its container's address and the ports its env gives.
    /// </summary>
    private static async Task AssertStartedAsTheOverlaySaysAsync(ContainerCluster cluster, NpgsqlDataSource database)
    {
        var overlay = RenderedOverlay.Of(RenderedOverlay.Staging);
        var secrets = new Dictionary<(string, string), string>
        {
            [OperatorObjects.AdminPassword] = cluster.AdminPassword,
            [OperatorObjects.SimulatorAdminToken] = cluster.SimulatorToken,
        };
        foreach (var pod in cluster.Pods)
        {
            var workload = overlay.Workload(pod[..pod.LastIndexOf('-')]);
            var container = workload.Container;
            var inspected = await Podman.InspectAsync(cluster.Container(pod));
            var config = inspected.GetProperty("Config");
            var host = inspected.GetProperty("HostConfig");
            var ip = inspected.GetProperty("NetworkSettings").GetProperty("Networks").GetProperty(cluster.Name).GetProperty("IPAddress").GetString()!;
            var environment = config.GetProperty("Env").EnumerateArray()
                .Select(e => e.GetString()!.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

            Assert.EndsWith("/" + container.Image, inspected.GetProperty("ImageName").GetString(), StringComparison.Ordinal);
            var dockerfile = Dockerfile.All().Single(d => ImageNames.ImageOfDockerfile(d.Path) == container.Image.Split(':')[0]);
            foreach (var (name, value) in dockerfile.Environment.Where(e => container.Env.All(v => v.Name != e.Key)))
            {
                Assert.Equal(value, environment.GetValueOrDefault(name));
            }

            foreach (var variable in container.Env)
            {
                var expected = variable.ValueFrom switch
                {
                    null => variable.Value,
                    { FieldRef.FieldPath: "metadata.name" } => pod,
                    { FieldRef.FieldPath: "status.podIP" } => ip,
                    { ConfigMapKeyRef: { } key } => overlay.ConfigMapValue(key.Name, key.Key),
                    { SecretKeyRef: { } key } => secrets.GetValueOrDefault((key.Name, key.Key)),
                    _ => throw new NotSupportedException($"{pod}: {variable.Name} comes from a source this test does not know"),
                };
                Assert.True(environment.TryGetValue(variable.Name, out var actual), $"{pod} has no {variable.Name}");
                Assert.Equal(expected ?? actual, actual);
                Assert.False(string.IsNullOrEmpty(actual), $"{pod}: {variable.Name} is empty");
            }

            var security = container.SecurityContext;
            Assert.Equal($"{workload.Pod.SecurityContext.RunAsUser}:{workload.Pod.SecurityContext.RunAsGroup}", config.GetProperty("User").GetString());
            Assert.True(security.ReadOnlyRootFilesystem);
            Assert.True(host.GetProperty("ReadonlyRootfs").GetBoolean(), $"{pod}'s root filesystem is writable");
            Assert.Equal(["ALL"], security.Capabilities.Drop);
            var capabilities = inspected.GetProperty("EffectiveCaps");
            Assert.True(capabilities.ValueKind == JsonValueKind.Null || capabilities.GetArrayLength() == 0, $"{pod} keeps capabilities: {capabilities}");
            Assert.False(security.AllowPrivilegeEscalation);
            Assert.Contains("no-new-privileges", host.GetProperty("SecurityOpt").EnumerateArray().Select(o => o.GetString()));
            Assert.Equal(container.Resources.Limits["memory"].ToInt64(), host.GetProperty("Memory").GetInt64());
            var program = ImageNames.ProgramOf(container.Image.Split(':')[0]);
            Assert.Equal(["CMD", "dotnet", $"/app/{program}.dll", ManagementContract.HealthcheckArgument],
                config.GetProperty("Healthcheck").GetProperty("Test").EnumerateArray().Select(t => t.GetString()));

            if (workload.Name == "multiconnect-coreapp")
            {
                await using var command = database.CreateCommand("SELECT Address, Port, ProxyPort FROM OrleansMembershipTable WHERE SiloName = $1 AND Status = $2");
                command.Parameters.Add(new NpgsqlParameter { Value = pod });
                command.Parameters.Add(new NpgsqlParameter { Value = ActiveStatus });
                await using var reader = await command.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync(), $"{pod} is not an active silo");
                Assert.Equal(ip, reader.GetString(0));
                Assert.Equal(environment["Multiconnect__CoreApp__SiloPort"], reader.GetInt32(1).ToString(CultureInfo.InvariantCulture));
                Assert.Equal(environment["Multiconnect__CoreApp__GatewayPort"], reader.GetInt32(2).ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>
    /// Sends <see cref="Recipients"/> × <see cref="PerRecipient"/> messages and, once they flow, signals the
    /// container of the CoreApp that owns shard 0. Returns the victim and how long until shard 0 answered from
    /// a new owner (a higher epoch), after every accepted message reached the simulator in accepted order.
    /// </summary>
    private async Task<(string Victim, TimeSpan Serving)> FailOverUnderLoadAsync(
        ContainerCluster cluster, HttpClient api, SimulatorAdmin simulator, string phone, string signal)
    {
        var before = await api.GetFromJsonAsync<JsonElement>("/v1/shards/0");
        var victim = before.GetProperty("node").GetString()!.Split(':')[^1];
        var epoch = before.GetProperty("epoch").GetInt64();
        var delivered = (await simulator.CountersAsync(phone)).GetValueOrDefault("delivered");
        var token = api.DefaultRequestHeaders.Authorization!.Parameter!;

        var load = MessageLoad.RunAsync(cluster.Api, token, MessageLoad.NewRecipients(Recipients), PerRecipient);
        await Eventually.True(
            async () => (await simulator.CountersAsync(phone)).GetValueOrDefault("delivered") >= delivered + 100, "messages to flow", TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();
        await Podman.RunAsync("kill", "--signal", signal, cluster.Container(victim));
        await Eventually.True(
            async () => (await api.GetFromJsonAsync<JsonElement>("/v1/shards/0")).GetProperty("epoch").GetInt64() > epoch,
            $"shard 0 to answer from a new owner after {signal} of {victim}", Failover);
        var serving = clock.Elapsed;

        var result = await load;
        Assert.Equal(Recipients * PerRecipient, result.Accepted);
        await Eventually.True(
            async () => (await simulator.CountersAsync(phone)).GetValueOrDefault("delivered") >= delivered + result.Accepted,
            "every accepted message to reach the simulator", Drain);
        // Nothing accepted is lost or reordered. A send whose answer the signal cut off was retried by the
        // client under a new id; if the first attempt had been stored, it is delivered too, before its retry.
        var extra = 0;
        foreach (var (recipient, ids) in result.AcceptedIds)
        {
            var deliveredIds = await simulator.DeliveredIdsAsync(phone, recipient);
            Assert.True(IsInOrderWithin(ids, deliveredIds), $"{recipient}: accepted {string.Join(' ', ids)}; delivered {string.Join(' ', deliveredIds)}");
            extra += deliveredIds.Count - ids.Count;
        }

        Assert.InRange(extra, 0, Recipients);
        output.WriteLine($"{signal} of {victim}: shard 0 served again after {serving.TotalSeconds:0.0} s; {result.Accepted} accepted, all delivered in order ({extra} cut-off sends delivered as well)");
        return (victim, serving);
    }

    /// <summary>Whether <paramref name="accepted"/> appears in <paramref name="delivered"/> whole and in the same order.</summary>
    private static bool IsInOrderWithin(IReadOnlyList<string> accepted, IReadOnlyList<string> delivered)
    {
        var next = 0;
        foreach (var id in delivered)
        {
            if (next < accepted.Count && id == accepted[next])
            {
                next++;
            }
        }

        return next == accepted.Count;
    }

    private static async Task<string> LoginAsync(ContainerCluster cluster)
    {
        using var http = new HttpClient { BaseAddress = cluster.Api };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/users/login");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LocalCluster.AdminUser}:{cluster.AdminPassword}")));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("users")[0].GetProperty("token").GetString()!;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<IReadOnlyDictionary<int, string>> LeasesAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT shard_id, owner_name FROM shard_leases WHERE owner_silo IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync();
        var leases = new Dictionary<int, string>();
        while (await reader.ReadAsync())
        {
            leases[reader.GetInt32(0)] = reader.GetString(1);
        }

        return leases;
    }

    private static async Task<bool> IsActiveAsync(NpgsqlDataSource database, string siloName)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM OrleansMembershipTable WHERE SiloName = $1 AND Status = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = siloName });
        command.Parameters.Add(new NpgsqlParameter { Value = ActiveStatus });
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private static async Task<bool> IsRunningAsync(string container) =>
        (await Podman.InspectAsync(container)).GetProperty("State").GetProperty("Running").GetBoolean();

    private static async Task<string> ImageSizesAsync()
    {
        var sizes = new List<string>();
        foreach (var image in ImageNames.Programs.Keys)
        {
            var tag = RenderedOverlay.Of(RenderedOverlay.Staging).Workloads.First(w => w.Container.Image.StartsWith(image + ":", StringComparison.Ordinal)).Container.Image;
            var bytes = long.Parse((await Podman.RunAsync("image", "inspect", "--format", "{{.Size}}", tag)).Trim(), CultureInfo.InvariantCulture);
            sizes.Add($"{tag} {bytes / 1_000_000} MB");
        }

        return string.Join(", ", sizes);
    }
}
