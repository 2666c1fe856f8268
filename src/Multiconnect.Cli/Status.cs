using System.Text.Json;

namespace Multiconnect.Cli;

/// <summary>`./mc status [--json]`: every process with its state and shards, the shard map, the URLs and where the credentials are.</summary>
internal static class Status
{
    public sealed record Report(
        IReadOnlyList<ProcessReport> Processes,
        ShardMapReport? ShardMap,
        IReadOnlyDictionary<string, string> Urls,
        string Credentials,
        string Storage,
        bool Tls,
        string Logs);

    public sealed record ProcessReport(string Name, string Role, int Pid, string State, IReadOnlyList<int> Shards, Uri Management);

    public sealed record ShardMapReport(int Shards, IReadOnlyList<PlacementReport> Placements);

    public sealed record PlacementReport(int Shard, string Node, long Epoch);

    public static async Task<int> RunAsync(ClusterHome home, bool json, CancellationToken cancellationToken)
    {
        if (home.ReadState() is not { } state)
        {
            await Console.Error.WriteLineAsync($"No cluster is running from {home.Root}: start one with ./mc up.");
            return 1;
        }

        var (shards, placements) = await ShardMapAsync(home, state, cancellationToken) ?? (state.Shards, null);
        var report = new Report(
            [.. state.Processes.Select(p => new ProcessReport(
                p.Name, p.Role, p.Pid, Launcher.StatusOf(p).ToString().ToLowerInvariant(),
                placements is null ? [] : [.. placements.Where(s => s.Value.Node == p.Name).Select(s => s.Key).Order()],
                p.Management))],
            placements is null ? null : new ShardMapReport(shards, [.. placements.OrderBy(s => s.Key).Select(s => new PlacementReport(s.Key, s.Value.Node, s.Value.Epoch))]),
            Urls(state),
            home.CredentialsFile,
            state.Storage,
            state.Tls,
            home.Logs);

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(report, ClusterHome.Json));
            return 0;
        }

        Console.WriteLine($"{"NAME",-12} {"ROLE",-10} {"PID",8}  {"STATE",-8} {"SHARDS",-7} MANAGEMENT (/health/live, /health/ready, /metrics)");
        foreach (var p in report.Processes)
        {
            Console.WriteLine($"{p.Name,-12} {p.Role,-10} {p.Pid,8}  {p.State,-8} {string.Join(",", p.Shards),-7} {p.Management}");
        }

        Console.WriteLine();
        Console.WriteLine(report.ShardMap is null
            ? "Shard map: the gateway does not answer."
            : $"Shard map ({report.ShardMap.Shards} shards): " + string.Join("  ", report.ShardMap.Placements.Select(s => $"{s.Shard}→{s.Node} (epoch {s.Epoch})")));
        foreach (var (name, url) in report.Urls)
        {
            Console.WriteLine($"{name,-11} {url}");
        }

        Console.WriteLine($"{"credentials",-11} {report.Credentials}");
        Console.WriteLine($"{"storage",-11} {report.Storage}");
        Console.WriteLine($"{"tls",-11} {state.DescribeTls(home)}");
        Console.WriteLine($"{"logs",-11} {report.Logs}");
        return 0;
    }

    /// <summary>Each gateway's API ("api", then "api-2", …), the first one's OpenAPI document and dashboard, the simulator.</summary>
    private static Dictionary<string, string> Urls(ClusterState state)
    {
        var urls = state.Apis.Select((api, i) => (Name: i == 0 ? "api" : $"api-{i + 1}", Url: api + "v1")).ToDictionary(u => u.Name, u => u.Url);
        urls["openapi"] = state.Api + "openapi/v1.json";
        urls["dashboard"] = state.Api + "dashboard";
        urls["simulator"] = state.Simulator.ToString();
        return urls;
    }

    private static async Task<(int Shards, IReadOnlyDictionary<int, (string Node, long Epoch)>? Placements)?> ShardMapAsync(ClusterHome home, ClusterState state, CancellationToken cancellationToken)
    {
        using var gateway = await GatewayClient.TryLoginAsync(state.Api, home.ReadOrCreateCredentials(), cancellationToken);
        try
        {
            return gateway is null ? null : await gateway.ShardMapAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
