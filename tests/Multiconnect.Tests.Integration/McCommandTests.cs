using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// ./mc as a user runs it: `up --detach` starts a private PostgreSQL, the simulator, 3 CoreApps and a
/// gateway as separate processes; a message sent with the credentials it wrote reaches the simulator;
/// `kill`/`status` see a hung CoreApp; a short `chaos` run kills shard owners under load and must
/// find every shard serving again and nothing lost or reordered; a short `soak` prints its table and
/// verdict; `down` stops every process, and so does a signal to `up` in the foreground.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class McCommandTests : IAsyncLifetime
{
    private readonly string _home = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"mc-home-{Guid.NewGuid():N}")).FullName;
    private readonly int _port = FreePort.Next();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await McAsync(TimeSpan.FromMinutes(1), "down");
        Directory.Delete(_home, recursive: true);
    }

    [Fact]
    public async Task Up_sends_survives_chaos_and_comes_down()
    {
        var up = await McAsync(TimeSpan.FromMinutes(3), "up", "--detach", "--coreapps", "3", "--shards", "2", "--port", Text(_port));
        Assert.True(up.ExitCode == 0, $"up failed:\n{up.Output}\n{up.Error}");
        Assert.Contains($"http://127.0.0.1:{_port}/dashboard", up.Output, StringComparison.Ordinal);
        var credentialsFile = Path.Combine(_home, "credentials.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentialsFile));
        using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(credentialsFile));

        var status = await StatusAsync();
        Assert.Equal(["simulator", "coreapp-1", "coreapp-2", "coreapp-3", "gateway-1"], Processes(status).Select(p => p.Name));
        Assert.All(Processes(status), p => Assert.Equal("running", p.State));
        Assert.Equal(2, status.GetProperty("shard_map").GetProperty("placements").GetArrayLength());
        Assert.Equal(2, Processes(status).Sum(p => p.Shards));

        // The first message, as the printed curl sends it, reaches the simulated WhatsApp servers.
        using var simulator = new SimulatorAdmin(new Uri(status.GetProperty("urls").GetProperty("simulator").GetString()!), Secret(credentials, "simulator_admin_token"));
        var phone = Secret(credentials, "phone_number");
        var id = await SendFirstMessageAsync(Secret(credentials, "password"));
        await Eventually.True(async () => (await simulator.DeliveredIdsAsync(phone, "16315551234")).Contains(id), "the first message to reach the simulator");

        // A hung CoreApp shows as stopped, and is declared dead; resumed, it finds itself dead and exits, and
        // starts again. (Resumed sooner, it might go on instead: on a slow machine the three ./mc calls alone
        // outlast the 2–3 s detection, and chaos below needs all three CoreApps back.)
        using var http = await LoggedInAsync(Secret(credentials, "password"));
        Assert.Equal(0, (await McAsync(TimeSpan.FromSeconds(30), "kill", "coreapp-2", "--signal", "STOP")).ExitCode);
        Assert.Equal("stopped", Processes(await StatusAsync()).Single(p => p.Name == "coreapp-2").State);
        await Eventually.True(async () => !await InClusterAsync(http, "coreapp-2"), "the hung coreapp-2 to be declared dead", TimeSpan.FromSeconds(60));
        Assert.Equal(0, (await McAsync(TimeSpan.FromSeconds(30), "kill", "coreapp-2", "--signal", "CONT")).ExitCode);
        await Eventually.True(async () => Processes(await StatusAsync()).Single(p => p.Name == "coreapp-2").State == "exited", "the resumed coreapp-2 to exit", TimeSpan.FromSeconds(60));
        Assert.Equal(0, (await McAsync(TimeSpan.FromSeconds(30), "start", "coreapp-2")).ExitCode);
        await Eventually.True(() => InClusterAsync(http, "coreapp-2"), "coreapp-2 to join again", TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, (await McAsync(TimeSpan.FromSeconds(30), "kill", "no-such-process")).ExitCode);

        var chaos = await McAsync(TimeSpan.FromMinutes(4), "chaos", "--duration", "45s", "--every", "14s", "--rate", "150", "--recipients", "50", "--json");
        Assert.True(chaos.ExitCode == 0, $"chaos failed:\n{chaos.Output}\n{chaos.Error}\n{LoggedProblems()}");
        using var verdict = JsonDocument.Parse(chaos.Output);
        var root = verdict.RootElement;
        Assert.True(root.GetProperty("accepted").GetInt64() > 1000, chaos.Output);
        Assert.Equal(root.GetProperty("accepted").GetInt64(), root.GetProperty("delivered").GetInt64());
        Assert.Equal(0, root.GetProperty("lost").GetInt64());
        Assert.Equal(0, root.GetProperty("out_of_order").GetInt64());
        var events = root.GetProperty("events").EnumerateArray().ToList();
        Assert.InRange(events.Count, 2, 3);
        Assert.All(events, e => Assert.InRange(e.GetProperty("recovery_s").GetDouble(), 0.1, 15));
        Assert.All(events, e => Assert.StartsWith("coreapp-", e.GetProperty("victim").GetString(), StringComparison.Ordinal));

        var pids = Processes(await StatusAsync()).Select(p => p.Pid).ToList();
        var down = await McAsync(TimeSpan.FromMinutes(1), "down");
        Assert.Equal(0, down.ExitCode);
        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"pid {pid} still runs"));
        Assert.False(File.Exists(Path.Combine(_home, "state.json")));
        Assert.NotEqual(0, (await McAsync(TimeSpan.FromSeconds(30), "status")).ExitCode);
    }

    [Fact]
    public async Task The_shard_count_changes_under_load_and_between_kills_with_nothing_lost_reordered_or_refused()
    {
        var up = await McAsync(TimeSpan.FromMinutes(3), "up", "--detach", "--coreapps", "5", "--shards", "2", "--port", Text(_port));
        Assert.True(up.ExitCode == 0, $"up failed:\n{up.Output}\n{up.Error}");
        var status = await StatusAsync();
        using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_home, "credentials.json")));
        using var simulator = new SimulatorAdmin(new Uri(status.GetProperty("urls").GetProperty("simulator").GetString()!), Secret(credentials, "simulator_admin_token"));
        var phone = Secret(credentials, "phone_number");

        // 2 → 4 → 8 → 2 → 4 under load, a change each time 600 more messages (2 s of load) have arrived. The
        // load lasts long enough for all four on a busy machine, where each ./mc shards takes seconds to start.
        var load = McAsync(TimeSpan.FromMinutes(3), "load", "--rate", "300", "--recipients", "200", "--duration", "60s", "--json");
        foreach (var shards in new[] { 4, 8, 2, 4 })
        {
            var delivered = await simulator.CounterAsync(phone, "delivered");
            await Eventually.True(async () => await simulator.CounterAsync(phone, "delivered") >= delivered + 600, "600 more messages to arrive", TimeSpan.FromSeconds(30));
            Assert.False(load.IsCompleted, $"the load ended before the change to {shards} shards");
            var change = await McAsync(TimeSpan.FromSeconds(30), "shards", Text(shards));
            Assert.True(change.ExitCode == 0, $"./mc shards {shards} failed:\n{change.Output}\n{change.Error}");
            Assert.StartsWith($"201 {{\"account\":{{\"shards\":{shards}}},\"meta\"", change.Output, StringComparison.Ordinal);
        }

        var loaded = await load;
        Assert.True(loaded.ExitCode == 0, $"load failed:\n{loaded.Output}\n{loaded.Error}\n{LoggedProblems()}");
        using (var verdict = JsonDocument.Parse(loaded.Output))
        {
            var root = verdict.RootElement;
            Assert.Empty(root.GetProperty("errors").EnumerateObject());
            Assert.Equal(root.GetProperty("accepted").GetInt64(), root.GetProperty("delivered").GetInt64());
            Assert.Equal(0, root.GetProperty("lost").GetInt64());
            Assert.Equal(0, root.GetProperty("out_of_order").GetInt64());
            Assert.Equal(0, root.GetProperty("misrouted").GetInt64());
        }

        Assert.Equal(4, (await StatusAsync()).GetProperty("shard_map").GetProperty("shards").GetInt32());

        // Changes of count and kills alternate: 3 changes, 2 kills.
        var chaos = await McAsync(TimeSpan.FromMinutes(4), "chaos", "--reshard", "--duration", "45s", "--every", "8s", "--rate", "300", "--recipients", "200", "--json");
        Assert.True(chaos.ExitCode == 0, $"chaos --reshard failed:\n{chaos.Output}\n{chaos.Error}\n{LoggedProblems()}");
        using var chaosVerdict = JsonDocument.Parse(chaos.Output);
        var result = chaosVerdict.RootElement;
        Assert.Equal(result.GetProperty("accepted").GetInt64(), result.GetProperty("delivered").GetInt64());
        Assert.Equal(0, result.GetProperty("out_of_order").GetInt64());
        Assert.Equal(0, result.GetProperty("misrouted").GetInt64());
        var events = result.GetProperty("events").EnumerateArray().ToList();
        var changes = events.Where(e => e.TryGetProperty("change", out _)).ToList();
        var kills = events.Where(e => e.TryGetProperty("victim", out _)).ToList();
        Assert.True(changes.Count >= 3 && kills.Count >= 1, chaos.Output);
        Assert.Equal(["4->8", "8->2", "2->4"], changes.Take(3).Select(e => e.GetProperty("change").GetString()));
        Assert.All(changes, e => Assert.True(e.TryGetProperty("handover_s", out _), chaos.Output));
        Assert.All(kills, e => Assert.True(e.TryGetProperty("recovery_s", out _), chaos.Output));
    }

    [Fact]
    public async Task Soak_prints_a_row_per_sample_and_a_verdict_whose_exit_status_follows_it()
    {
        var up = await McAsync(TimeSpan.FromMinutes(3), "up", "--detach", "--port", Text(_port));
        Assert.True(up.ExitCode == 0, $"up failed:\n{up.Output}\n{up.Error}");

        var soak = await McAsync(TimeSpan.FromMinutes(4), "soak", "--duration", "1m", "--rate", "200", "--sample", "10s", "--json");

        // The table goes to standard error with --json: a header and a row at 0, 10, …, 60 s.
        var rows = soak.Error.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+\d+:\d\d ")).ToList();
        Assert.Contains("elapsed    msg/s  errors  backlog    DB MB   simulator   coreapp-1   coreapp-2   coreapp-3   gateway-1", soak.Error, StringComparison.Ordinal);
        Assert.Equal(["0:00", "0:10", "0:20", "0:30", "0:40", "0:50", "1:00"], rows.Select(r => r.Trim().Split(' ')[0]));
        using var json = JsonDocument.Parse(soak.Output);
        var root = json.RootElement;
        var audit = root.GetProperty("audit");
        Assert.Equal(audit.GetProperty("accepted").GetInt64(), audit.GetProperty("delivered").GetInt64());
        Assert.Equal(0, audit.GetProperty("lost").GetInt64());
        Assert.Equal(0, audit.GetProperty("out_of_order").GetInt64());
        Assert.True(root.GetProperty("throughput").GetProperty("passed").GetBoolean(), soak.Output);
        var samples = root.GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(7, samples.Count);
        Assert.All(samples, s => Assert.True(s.GetProperty("database_mb").GetDouble() > 0, soak.Output));
        Assert.All(samples, s => Assert.All(s.GetProperty("processes").EnumerateArray(), p => Assert.True(p.GetProperty("mb").GetDouble() > 10, soak.Output)));
        // Every series was judged over the second half, on 4 samples.
        var growth = root.GetProperty("growth").EnumerateArray().ToList();
        Assert.Equal(["database", "simulator", "coreapp-1", "coreapp-2", "coreapp-3", "gateway-1"], growth.Select(g => g.GetProperty("series").GetString()));
        Assert.All(growth, g => Assert.True(g.TryGetProperty("growth_percent", out _), soak.Output));
        // Until sent messages are pruned (issue 13, point 1), the database grows and the soak fails on it: the exit status says what the verdict says.
        Assert.Equal(root.GetProperty("passed").GetBoolean() ? 0 : 1, soak.ExitCode);
    }

    [Fact]
    public async Task Up_with_8_shards_down_and_up_with_2_in_turn_on_one_home_always_succeeds()
    {
        foreach (var shards in new[] { 8, 2, 8, 2 })
        {
            var up = await McAsync(TimeSpan.FromMinutes(3), "up", "--detach", "--shards", Text(shards), "--port", Text(_port));
            Assert.True(up.ExitCode == 0, $"up --shards {shards} failed:\n{up.Output}\n{up.Error}");
            var map = (await StatusAsync()).GetProperty("shard_map");
            Assert.Equal(shards, map.GetProperty("shards").GetInt32());
            Assert.Equal(shards, map.GetProperty("placements").GetArrayLength());
            Assert.Equal(0, (await McAsync(TimeSpan.FromMinutes(1), "down")).ExitCode);
        }
    }

    [Fact]
    public async Task Up_with_tls_starts_every_process_with_the_clusters_certificate_says_so_and_keeps_it_for_the_next_up()
    {
        var up = await McAsync(TimeSpan.FromMinutes(3), "up", "--detach", "--tls", "--coreapps", "2", "--shards", "1", "--port", Text(_port));
        Assert.True(up.ExitCode == 0, $"up --tls failed:\n{up.Output}\n{up.Error}");
        Assert.Contains("Orleans TLS on: mutual TLS", up.Output, StringComparison.Ordinal);
        Assert.True((await StatusAsync()).GetProperty("tls").GetBoolean());
        var tls = Path.Combine(_home, "tls");
        Assert.All(new[] { "ca.crt", "ca.key", "tls.crt", "tls.key" },
            file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(tls, file))));
        using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_home, "credentials.json")));
        await SendFirstMessageAsync(Secret(credentials, "password"));
        foreach (var name in new[] { "coreapp-1", "coreapp-2", "gateway-1" })
        {
            // A gateway may answer before its start-up lines reach the log.
            await Eventually.True(
                async () => (await File.ReadAllTextAsync(Path.Combine(_home, "logs", name + ".log"))).Contains("Orleans connections use mutual TLS", StringComparison.Ordinal),
                $"{name} to log that it uses mutual TLS");
        }

        var ca = await File.ReadAllTextAsync(Path.Combine(tls, "ca.crt"));
        Assert.Equal(0, (await McAsync(TimeSpan.FromMinutes(1), "down")).ExitCode);

        // Off again by default; the CA stays for the next `up --tls`.
        var plain = await McAsync(TimeSpan.FromMinutes(3), "up", "--detach", "--coreapps", "2", "--shards", "1", "--port", Text(_port));
        Assert.True(plain.ExitCode == 0, $"up failed:\n{plain.Output}\n{plain.Error}");
        Assert.Contains("Orleans TLS off:", plain.Output, StringComparison.Ordinal);
        Assert.False((await StatusAsync()).GetProperty("tls").GetBoolean());
        Assert.Equal(ca, await File.ReadAllTextAsync(Path.Combine(tls, "ca.crt")));
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task In_the_foreground_up_stops_everything_it_started_on_a_signal(string signal)
    {
        await using var up = NodeProcess.Start(
            "mc up", "Multiconnect.Cli", new Dictionary<string, string?> { ["MULTICONNECT_HOME"] = _home },
            "up", "--coreapps", "3", "--shards", "2", "--port", Text(_port));
        await Eventually.True(
            () => Task.FromResult(up.HasExited ? throw new InvalidOperationException(up.Output) : up.Output.Contains("Ctrl-C stops everything", StringComparison.Ordinal)),
            "up to say it runs in the foreground", TimeSpan.FromMinutes(3));
        var pids = Processes(await StatusAsync()).Select(p => p.Pid).ToList();
        Assert.Equal(5, pids.Count);

        await up.SignalAsync(signal);

        Assert.Equal(0, await up.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"pid {pid} still runs after up stopped:\n{up.Output}"));
        Assert.False(File.Exists(Path.Combine(_home, "state.json")));
    }

    /// <summary>The errors the cluster's processes logged (each with the line after it), for a failure's message: the home and its logs are deleted after the test.</summary>
    private string LoggedProblems()
    {
        var logs = Path.Combine(_home, "logs");
        var problems = Directory.Exists(logs)
            ? Directory.GetFiles(logs, "*.log").Order(StringComparer.Ordinal).SelectMany(file =>
            {
                var lines = File.ReadAllLines(file);
                return lines.Select((line, i) => (line, i))
                    .Where(l => l.line.Contains("fail:", StringComparison.Ordinal) || l.line.Contains("crit:", StringComparison.Ordinal))
                    .Select(l => $"{Path.GetFileNameWithoutExtension(file)}: {l.line} {(l.i + 1 < lines.Length ? lines[l.i + 1].Trim() : "")}");
            }).ToList()
            : [];
        return $"{problems.Count} errors logged{(problems.Count > 0 ? ", the first 30:\n" : "")}{string.Join('\n', problems.Take(30))}";
    }

    private static bool IsRunning(int pid) =>
        Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z", StringComparison.Ordinal);

    /// <summary>A client of the gateway, logged in as admin with <paramref name="password"/>: its token is sent with every request.</summary>
    private async Task<HttpClient> LoggedInAsync(string password)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        using var login = new HttpRequestMessage(HttpMethod.Post, "/v1/users/login");
        login.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{password}")));
        using var loggedIn = await http.SendAsync(login);
        var token = (await loggedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("users")[0].GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Whether GET /v1/health lists the CoreApp <paramref name="name"/>: it lists the cluster's live members only.</summary>
    private static async Task<bool> InClusterAsync(HttpClient http, string name)
    {
        var health = (await http.GetFromJsonAsync<JsonElement>("/v1/health")).GetProperty("health");
        return health.EnumerateObject().Any(node => node.Name.EndsWith(":" + name, StringComparison.Ordinal));
    }

    private async Task<string> SendFirstMessageAsync(string password)
    {
        using var http = await LoggedInAsync(password);
        using var send = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent("""{"to":"16315551234","type":"text","text":{"body":"hello"}}""", Encoding.UTF8, "application/json"),
        };
        using var sent = await http.SendAsync(send);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        return (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages")[0].GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> StatusAsync()
    {
        var status = await McAsync(TimeSpan.FromSeconds(30), "status", "--json");
        Assert.True(status.ExitCode == 0, status.Error);
        using var json = JsonDocument.Parse(status.Output);
        return json.RootElement.Clone();
    }

    private static IEnumerable<(string Name, string State, int Pid, int Shards)> Processes(JsonElement status) =>
        status.GetProperty("processes").EnumerateArray().Select(p => (
            p.GetProperty("name").GetString()!, p.GetProperty("state").GetString()!, p.GetProperty("pid").GetInt32(), p.GetProperty("shards").GetArrayLength()));

    private static string Secret(JsonDocument credentials, string name) => credentials.RootElement.GetProperty(name).GetString()!;

    private Task<(int ExitCode, string Output, string Error)> McAsync(TimeSpan limit, params string[] arguments) =>
        NodeProcess.RunToEndAsync("Multiconnect.Cli", new Dictionary<string, string?> { ["MULTICONNECT_HOME"] = _home }, limit, arguments);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
