using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Multiconnect.Contracts.Routing;
using Multiconnect.Upstream;
using Multiconnect.Upstream.Client;

namespace Multiconnect.Simulator.Commands;

/// <summary>
/// `Multiconnect.Simulator bench [--sessions 2] [--seconds 5] [--runs 5] [--window 1000] [--receipts on|off]`:
/// starts the simulator as a separate process with the cap off, opens one session per shard over
/// loopback, sends as fast as the windows allow, and prints the accepted messages per second of each
/// run and their median (checked against the server's own accepted counter).
/// </summary>
public static class BenchCommand
{
    private static readonly HashSet<string> Arguments = ["sessions", "seconds", "runs", "window", "receipts"];
    private const string Cc = "1";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var line = CommandLine.Parse(args, Arguments, out var problem);
        var sessions = line?.Number("sessions", 2) ?? 0;
        var seconds = line?.Number("seconds", 5) ?? 0;
        var runs = line?.Number("runs", 5) ?? 0;
        var window = line?.Number("window", 1000) ?? 0;
        if (line is null || !ShardCount.IsAllowed(sessions) || seconds < 1 || runs < 1 || window < 1 || line["receipts"] is not (null or "on" or "off"))
        {
            await Console.Error.WriteLineAsync($"bench: {problem ?? "sessions is one of 1, 2, 4, 8, 16, 32; seconds, runs and window are positive whole numbers; receipts is on or off"}");
            return 2;
        }

        var receipts = line["receipts"] != "off";
        var port = FreeLoopbackPort();
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var keyDirectory = Directory.CreateTempSubdirectory("mc-sim-bench-");
        using var server = StartServer(port, token, Path.Combine(keyDirectory.FullName, "ca-key.pem"), receipts);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            await WaitUntilReadyAsync(http, server);
            Console.WriteLine($"Simulator pid {server.Id} on 127.0.0.1:{port}; cap off; receipts {(receipts ? "on" : "off")}; " +
                $"{sessions} session(s), window {window}, {seconds} s per run, {Environment.ProcessorCount} cores");

            // A short warm-up run, not counted: JIT and connection set-up.
            await RunOnceAsync(http, port, "5550000", sessions, 2, window);
            var rates = new List<double>();
            var mismatches = 0;
            for (var run = 1; run <= runs; run++)
            {
                var (sent, elapsed, serverAccepted) = await RunOnceAsync(http, port, $"555{run:D4}", sessions, seconds, window);
                var rate = sent / elapsed.TotalSeconds;
                rates.Add(rate);
                Console.WriteLine($"run {run}: {sent:N0} messages acknowledged in {elapsed.TotalSeconds:F2} s = {rate:N0} msg/s (server counted {serverAccepted:N0} accepted)");
                if (sent != serverAccepted)
                {
                    mismatches++;
                    Console.Error.WriteLine($"run {run}: the client counted {sent:N0} acknowledged, the server {serverAccepted:N0} accepted; the run is not trustworthy.");
                }
            }

            rates.Sort();
            var median = rates.Count % 2 == 1 ? rates[rates.Count / 2] : (rates[(rates.Count / 2) - 1] + rates[rates.Count / 2]) / 2;
            Console.WriteLine($"median: {median:N0} msg/s over {runs} run(s) (min {rates[0]:N0}, max {rates[^1]:N0})");
            return mismatches == 0 ? 0 : 1;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            keyDirectory.Delete(recursive: true);
        }
    }

    private static async Task<(long Sent, TimeSpan Elapsed, long ServerAccepted)> RunOnceAsync(HttpClient http, int port, string phone, int shards, int seconds, int window)
    {
        using var issued = await http.PostAsJsonAsync("/admin/certificates", new { cc = Cc, phone, name = "Bench", valid_days = 1 });
        issued.EnsureSuccessStatusCode();
        var cert = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cert").GetString();
        var endpoint = UpstreamSessionOptions.EndpointFor(new Uri($"http://127.0.0.1:{port}"));
        var sessions = new List<UpstreamSession>();
        try
        {
            for (var shard = 0; shard < shards; shard++)
            {
                sessions.Add(await UpstreamSession.ConnectAsync(new UpstreamSessionOptions
                {
                    Endpoint = endpoint, Cc = Cc, Phone = phone, Shard = shard, Shards = ShardCount.From(shards), Epoch = 1,
                    Certificate = cert, Window = window, ClientName = "bench",
                }));
            }

            var started = Stopwatch.GetTimestamp();
            var deadline = started + (seconds * Stopwatch.Frequency);
            var sent = await Task.WhenAll(sessions.Select(session => SendUntilAsync(session, phone, shards, deadline)));
            var elapsed = Stopwatch.GetElapsedTime(started);
            var stats = await http.GetFromJsonAsync<JsonElement>($"/admin/numbers/{Cc}{phone}");
            return (sent.Sum(), elapsed, stats.GetProperty("counters").GetProperty("accepted").GetInt64());
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }

    /// <summary>Sends to 64 recipients of the session's own shard, each with its own sequence, until the deadline; returns how many were acknowledged (nacked sends are not).</summary>
    private static async Task<long> SendUntilAsync(UpstreamSession session, string phone, int shards, long deadline)
    {
        var recipients = RecipientsOf(session.Shard, shards, 64);
        var sequences = new long[recipients.Length];
        var drain = Task.Run(async () =>
        {
            await foreach (var _ in session.Events.ReadAllAsync())
            {
                // Receipts are read, as a shard would, and dropped.
            }
        });
        var answers = new Queue<Task<SendResult>>();
        long sent = 0;
        long acknowledged = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var r = (int)(sent % recipients.Length);
            var message = new OutboundMessage(
                string.Create(CultureInfo.InvariantCulture, $"b{phone}.{session.Shard}.{sent}"),
                recipients[r],
                MessageSequence.Format(++sequences[r], "benchmark message"));
            answers.Enqueue(await session.QueueAsync(message));
            sent++;
            while (answers.TryPeek(out var oldest) && oldest.IsCompleted)
            {
                acknowledged += (await answers.Dequeue()).Accepted ? 1 : 0;
            }
        }

        while (answers.TryDequeue(out var answer))
        {
            acknowledged += (await answer).Accepted ? 1 : 0;
        }

        await session.DisposeAsync();
        await drain;
        return acknowledged;
    }

    private static string[] RecipientsOf(int shard, int shards, int count)
    {
        var count_ = ShardCount.From(shards);
        return [.. Enumerable.Range(0, int.MaxValue)
            .Select(i => RecipientId.Parse(string.Create(CultureInfo.InvariantCulture, $"4477009{i:D5}")))
            .Where(r => ShardRouter.ShardFor(r, count_) == shard)
            .Take(count)
            .Select(r => r.Value)];
    }

    private static Process StartServer(int port, string token, string keyPath, bool receipts)
    {
        var host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(host, [typeof(BenchCommand).Assembly.Location, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment[SimulatorOptions.AdminTokenVariable] = token;
        start.Environment["Multiconnect__Simulator__CaKeyPath"] = keyPath;
        start.Environment["Multiconnect__Simulator__SessionMessagesPerSecond"] = "0";
        start.Environment["Multiconnect__Simulator__Receipts__Enabled"] = receipts ? "true" : "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start the simulator.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[simulator] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, Process server)
    {
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && !server.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(UpstreamProtocol.CaPath);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("The simulator did not become ready within 30 s.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
