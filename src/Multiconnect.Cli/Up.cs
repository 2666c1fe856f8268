using System.Globalization;
using System.Net.Http.Json;
using Multiconnect.Harness;

namespace Multiconnect.Cli;

/// <summary>`./mc up`: a whole local cluster — PostgreSQL, migrations, the simulator, CoreApps, gateways — with the shard count set.</summary>
internal static class Up
{
    public sealed record Options(int CoreApps, int Gateways, int Shards, int Port, string? Postgres, bool InMemory, bool Detach, bool Tls);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static async Task<int> RunAsync(Options options, ClusterHome home, CancellationToken cancellationToken)
    {
        if (home.ReadState() is { } running && running.Processes.Any(p => Launcher.StatusOf(p) != ProcessStatus.Exited))
        {
            await Console.Error.WriteLineAsync($"A cluster from {home.Root} is already running: see ./mc status, or stop it with ./mc down.");
            return 1;
        }

        var credentials = home.ReadOrCreateCredentials();
        var (storage, connectionString, postgresDirectory) = await StorageAsync(options, home);
        // Gateway n listens on the API port + n - 1: 8080, 8081, …
        var apis = Enumerable.Range(options.Port, options.Gateways).Select(p => new Uri($"http://127.0.0.1:{p}")).ToList();
        var state = new ClusterState(apis, new Uri($"http://127.0.0.1:{FreePort.Next()}"), storage, postgresDirectory, options.Shards, [], options.Tls);
        try
        {
            // The same files for every CoreApp and gateway; `start` and `chaos` start them again with the same environment.
            var tls = options.Tls ? ClusterTlsFiles.ReadOrCreate(home.Tls).Environment : new Dictionary<string, string>();

            if (connectionString is not null)
            {
                Console.WriteLine("Migrating the database…");
                var (exitCode, output, error) = await NodeProcess.RunToEndAsync(
                    "Multiconnect.CoreApp", Postgres(connectionString, 2).ToDictionary(e => e.Key, string? (e) => e.Value), "migrate");
                if (exitCode != 0)
                {
                    throw new InvalidOperationException($"migrate failed ({exitCode}): {output}{error}");
                }
            }

            state = Launch(home, state, Simulator(state, credentials, home));
            using var simulator = new SimulatorAdmin(state.Simulator, credentials.SimulatorAdminToken);
            await Eventually.True(async () => (await simulator.Admin.GetAsync("/v1/ca", cancellationToken)).IsSuccessStatusCode, "the simulator to answer", StartTimeout);

            var coreApps = CoreApps(options.CoreApps, state, connectionString, tls);
            foreach (var coreApp in coreApps)
            {
                state = Launch(home, state, coreApp);
            }

            for (var n = 1; n <= apis.Count; n++)
            {
                state = Launch(home, state, Gateway(n, apis[n - 1], credentials, connectionString, coreApps, tls));
            }

            Console.WriteLine($"Started the simulator, {options.CoreApps} CoreApps and {Plural(apis.Count, "gateway")}; waiting for the cluster…");
            async Task<GatewayClient> ReadyAsync(Uri api)
            {
                var client = await Eventually.Get(
                    async () => await FailIfExitedAsync(home, state) ?? await GatewayClient.TryLoginAsync(api, credentials, cancellationToken),
                    $"the gateway at {api} to accept a login", StartTimeout);
                await Eventually.True(async () => (await client.Http.GetAsync("/v1/account/shards", cancellationToken)).IsSuccessStatusCode, $"the gateway at {api} to reach the cluster", StartTimeout);
                return client;
            }

            using var gateway = await ReadyAsync(state.Api);
            foreach (var other in apis.Skip(1))
            {
                using var _ = await ReadyAsync(other);
            }

            var cert = await simulator.IssueCertificateAsync(credentials.PhoneNumber, validDays: 365, cc: credentials.Cc);
            home.WriteCertificate(cert);
            await simulator.RegisterAsync(
                (path, json) => gateway.Http.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"), cancellationToken),
                credentials.PhoneNumber, cert, credentials.Cc);
            var (status, body, _) = await ShardChange.RequestAsync(home, credentials, gateway, options.Shards, cancellationToken);
            if (status != System.Net.HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"POST /v1/account/shards answered {(int)status}: {body}");
            }

            await Eventually.True(
                async () => (await gateway.PlacementsAsync(cancellationToken)).Count == options.Shards,
                $"all {options.Shards} shards to be placed", StartTimeout);
            PrintWelcome(state, home, storage);
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync(
                $"up {(cancellationToken.IsCancellationRequested ? "interrupted" : $"failed: {e.Message}")}\nLogs: {home.Logs}. Stopping what was started…");
            await Down.StopAsync(home, state);
            return 1;
        }

        if (options.Detach)
        {
            return 0;
        }

        Console.WriteLine("Running in the foreground: Ctrl-C stops everything.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopping…");
        }

        await Down.StopAsync(home, home.ReadState() ?? state);
        return 0;
    }

    /// <summary>PostgreSQL given, or the private server under .multiconnect/postgres, or nothing durable when asked or when PostgreSQL is not installed.</summary>
    private static async Task<(string Storage, string? ConnectionString, string? PostgresDirectory)> StorageAsync(Options options, ClusterHome home)
    {
        if (options.Postgres is not null)
        {
            return ("postgres (given)", options.Postgres, null);
        }

        if (!options.InMemory && !PostgresServer.IsInstalled)
        {
            await Console.Error.WriteLineAsync(
                "PostgreSQL server binaries (initdb, pg_ctl) were found neither on PATH nor under /usr/lib/postgresql/*/bin: " +
                "running in memory instead, NOT DURABLE (install the server, e.g. apt-get install postgresql, for the real thing).");
        }

        if (options.InMemory || !PostgresServer.IsInstalled)
        {
            return (ClusterState.InMemory, null, null);
        }

        // The port is chosen once and kept with the data, so that the next `up` finds the same server.
        var portFile = Path.Combine(home.Postgres, "port");
        Directory.CreateDirectory(home.Postgres);
        if (!File.Exists(portFile))
        {
            await File.WriteAllTextAsync(portFile, FreePort.Next().ToString(CultureInfo.InvariantCulture));
        }

        var port = int.Parse(await File.ReadAllTextAsync(portFile), CultureInfo.InvariantCulture);
        await PostgresServer.StopAsync(home.Postgres); // left running by a cluster that was not brought down
        Console.WriteLine($"Starting PostgreSQL on port {port} (data in {home.Postgres})…");
        await using var server = await PostgresServer.StartAsync(home.Postgres, port, keep: true);
        return ("postgres (private)", server.ConnectionString("postgres"), home.Postgres);
    }

    private static ManagedProcess Simulator(ClusterState state, Credentials credentials, ClusterHome home) => new(
        "simulator", "simulator", "Multiconnect.Simulator", ["--urls", state.Simulator.ToString()],
        new Dictionary<string, string>
        {
            [SimulatorProcess.AdminTokenVariable] = credentials.SimulatorAdminToken,
            ["Multiconnect__Simulator__CaKeyPath"] = home.CaKey,
        }, 0, 0);

    private static List<ManagedProcess> CoreApps(int count, ClusterState state, string? connectionString, IReadOnlyDictionary<string, string> tls)
    {
        var siloPorts = Enumerable.Range(0, count).Select(_ => FreePort.Next()).ToList();
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var environment = new Dictionary<string, string>(Postgres(connectionString, 4).Concat(tls));
            environment["Multiconnect__CoreApp__Name"] = $"coreapp-{i + 1}";
            environment["Multiconnect__CoreApp__AdvertisedAddress"] = "127.0.0.1";
            environment["Multiconnect__CoreApp__SiloPort"] = Text(siloPorts[i]);
            environment["Multiconnect__CoreApp__GatewayPort"] = Text(FreePort.Next());
            environment["Multiconnect__CoreApp__PrimarySiloPort"] = Text(siloPorts[0]); // development clustering only
            environment["Multiconnect__Shards__UpstreamUrl"] = state.Simulator.ToString();
            return new ManagedProcess($"coreapp-{i + 1}", "coreapp", "Multiconnect.CoreApp", [], environment, 0, 0);
        })];
    }

    private static ManagedProcess Gateway(int n, Uri api, Credentials credentials, string? connectionString, List<ManagedProcess> coreApps, IReadOnlyDictionary<string, string> tls)
    {
        var environment = new Dictionary<string, string>(Postgres(connectionString, 4).Concat(tls));
        environment["Multiconnect__Gateway__Name"] = $"gateway-{n}";
        environment["MULTICONNECT_ADMIN_PASSWORD"] = credentials.Password;
        for (var i = 0; i < coreApps.Count; i++)
        {
            environment[$"Multiconnect__Gateway__DevelopmentGatewayPorts__{i}"] = coreApps[i].Environment["Multiconnect__CoreApp__GatewayPort"];
        }

        return new($"gateway-{n}", "gateway", "Multiconnect.Gateway", ["--urls", api.ToString()], environment, 0, 0);
    }

    private static Dictionary<string, string> Postgres(string? connectionString, int maxPoolSize) => connectionString is null
        ? new() { ["Multiconnect__Postgres__InMemory"] = "true" }
        : new()
        {
            [ManagedProcess.ConnectionStringVariable] = connectionString,
            ["Multiconnect__Postgres__MaxPoolSize"] = Text(maxPoolSize),
        };

    /// <summary>
    /// Starts the process with a management port of its own (liveness, readiness, /metrics), and records it.
    /// Settings given to ./mc up as Multiconnect__* environment variables (say
    /// Multiconnect__Webhooks__MaxPendingCallbacks=100000 ./mc up) are passed on and recorded with the rest,
    /// so that start and chaos start the process again with them; those ./mc sets itself win.
    /// </summary>
    private static ClusterState Launch(ClusterHome home, ClusterState state, ManagedProcess process)
    {
        var environment = new Dictionary<string, string>(process.Environment)
        {
            [ManagedProcess.ManagementPortVariable] = Text(FreePort.Next()),
            [NodeProcess.ManagementAddressVariable] = "127.0.0.1",
        };
        foreach (var (name, value) in GivenSettings())
        {
            environment.TryAdd(name, value);
        }

        var started = Launcher.Start(process with { Environment = environment }, home.LogOf(process.Name));
        var next = state with { Processes = [.. state.Processes, started] };
        home.WriteState(next);
        return next;
    }

    private static IEnumerable<(string Name, string Value)> GivenSettings() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(variable => (Name: (string)variable.Key, Value: variable.Value as string ?? ""))
            .Where(variable => variable.Name.StartsWith("Multiconnect__", StringComparison.Ordinal))
            .OrderBy(variable => variable.Name, StringComparer.Ordinal);

    private static async Task<GatewayClient?> FailIfExitedAsync(ClusterHome home, ClusterState state)
    {
        var exited = state.Processes.FirstOrDefault(p => Launcher.StatusOf(p) == ProcessStatus.Exited);
        if (exited is null)
        {
            return null;
        }

        var log = await File.ReadAllLinesAsync(home.LogOf(exited.Name));
        throw new InvalidOperationException($"{exited.Name} exited; the end of its log:\n{string.Join('\n', log.TakeLast(15))}");
    }

    private static void PrintWelcome(ClusterState state, ClusterHome home, string storage)
    {
        var api = state.Api.ToString().TrimEnd('/');
        var credentials = Path.GetRelativePath(Directory.GetCurrentDirectory(), home.CredentialsFile);
        Console.WriteLine($$$"""

            The cluster is up ({{{state.Processes.Count(p => p.Role == "coreapp")}}} CoreApps, {{{Plural(state.Apis.Count, "gateway")}}}, {{{Plural(state.Shards, "shard")}}}, storage: {{{storage}}}).
              API         {{{string.Join("  ", state.Apis.Select(a => a + "v1"))}}}
              OpenAPI     {{{api}}}/openapi/v1.json
              Dashboard   {{{api}}}/dashboard   (basic auth: the admin credentials)
              Simulator   {{{state.Simulator.ToString().TrimEnd('/')}}}
              Orleans TLS {{{state.DescribeTls(home)}}}
              Credentials {{{credentials}}}   (user "admin"; mode 0600)
              Logs        {{{home.Logs}}}

            Send a first message:
              PASSWORD=$(sed -nE 's/.*"password": *"([^"]+)".*/\1/p' {{{credentials}}})
              TOKEN=$(curl -s -u "admin:$PASSWORD" -X POST {{{api}}}/v1/users/login | sed -nE 's/.*"token":"([^"]+)".*/\1/p')
              curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
                -d '{"to":"16315551234","type":"text","text":{"body":"hello"}}' {{{api}}}/v1/messages

            ./mc status shows every process and the shard map; eval "$(./mc env)" sets API, PASSWORD and the rest
            for your own curl session (README.md); ./mc down stops it all.
            """);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
