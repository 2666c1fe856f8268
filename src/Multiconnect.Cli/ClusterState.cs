namespace Multiconnect.Cli;

/// <summary>A local cluster as `up` started it: what `status`, `kill`, `start`, `load`, `chaos`, `soak` and `down` act on.</summary>
internal sealed record ClusterState(
    IReadOnlyList<Uri> Apis,
    Uri Simulator,
    string Storage,
    string? PostgresDirectory,
    int Shards,
    IReadOnlyList<ManagedProcess> Processes,
    bool Tls = false)
{
    public const string InMemory = "in-memory";

    /// <summary>The first gateway's API, the one `load`, `chaos` and `status` use.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Uri Api => Apis[0];

    /// <summary>How `up` and `status` describe the Orleans connections.</summary>
    public string DescribeTls(ClusterHome home) => Tls
        ? $"on: mutual TLS between CoreApps and from gateways to CoreApps; cluster CA and certificate in {home.Tls}"
        : "off: Orleans ports speak plaintext on loopback (./mc up --tls turns TLS on)";

    /// <summary>The PostgreSQL connection string the CoreApps were given (password included); null in memory.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ConnectionString => Processes
        .Where(p => p.Role == "coreapp")
        .Select(p => p.Environment.GetValueOrDefault(ManagedProcess.ConnectionStringVariable))
        .FirstOrDefault(c => c is not null);

    public ManagedProcess? Find(string name) => Processes.FirstOrDefault(p => p.Name == name);

    public ClusterState With(ManagedProcess process) =>
        this with { Processes = [.. Processes.Select(p => p.Name == process.Name ? process : p)] };
}

/// <summary>One process of the cluster, with everything needed to start it again as it was.</summary>
internal sealed record ManagedProcess(
    string Name,
    string Role,
    string Program,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    int Pid,
    long StartTime)
{
    public const string ManagementPortVariable = "Multiconnect__Management__Port";

    public const string ConnectionStringVariable = "Multiconnect__Postgres__ConnectionString";

    /// <summary>Where the process serves /health/live, /health/ready and /metrics.</summary>
    public Uri Management => new($"http://127.0.0.1:{Environment[ManagementPortVariable]}");
}
