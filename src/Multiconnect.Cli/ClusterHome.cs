using System.Text.Json;

namespace Multiconnect.Cli;

/// <summary>
/// Where ./mc keeps a local cluster: <c>.multiconnect/</c> in the repository (or $MULTICONNECT_HOME):
/// the running processes (state.json), the admin credentials (credentials.json, mode 0600), each
/// process's log, the private PostgreSQL's data, the simulator's CA key and the cluster's TLS
/// certificates (tls/, made by the first `up --tls`), reused by the next `up`.
/// </summary>
internal sealed class ClusterHome(string root)
{
    public const string Variable = "MULTICONNECT_HOME";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static ClusterHome Current { get; } = new(Path.GetFullPath(
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } home ? home : Path.Combine(Directory.GetCurrentDirectory(), ".multiconnect")));

    public string Root { get; } = root;

    public string StateFile => Path.Combine(Root, "state.json");

    public string CredentialsFile => Path.Combine(Root, "credentials.json");

    public string Logs => Path.Combine(Root, "logs");

    /// <summary>The verified-name certificate up registered the number with; ./mc shards uses it again.</summary>
    public string CertificateFile => Path.Combine(Root, "certificate");

    public string Postgres => Path.Combine(Root, "postgres");

    public string CaKey => Path.Combine(Root, "simulator", "ca-key.pem");

    /// <summary>The cluster CA and the node certificate of `up --tls` (ca.crt, ca.key, tls.crt, tls.key; mode 0600).</summary>
    public string Tls => Path.Combine(Root, "tls");

    public string LogOf(string name) => Path.Combine(Logs, name + ".log");

    public ClusterState? ReadState() =>
        File.Exists(StateFile) ? JsonSerializer.Deserialize<ClusterState>(File.ReadAllText(StateFile), Json) : null;

    /// <summary>The state holds the processes' environment, secrets included: only the owner may read it.</summary>
    public void WriteState(ClusterState state) => WriteOwnerOnly(StateFile, JsonSerializer.Serialize(state, Json));

    public void DeleteState() => File.Delete(StateFile);

    /// <summary>The credentials of earlier runs (the database remembers the account), or new ones.</summary>
    public Credentials ReadOrCreateCredentials()
    {
        if (File.Exists(CredentialsFile))
        {
            return JsonSerializer.Deserialize<Credentials>(File.ReadAllText(CredentialsFile), Json)
                ?? throw new InvalidDataException($"{CredentialsFile} is empty.");
        }

        var credentials = Credentials.Generate();
        WriteOwnerOnly(CredentialsFile, JsonSerializer.Serialize(credentials, Json));
        return credentials;
    }

    public void WriteCertificate(string cert) => WriteOwnerOnly(CertificateFile, cert);

    public string? ReadCertificate() => File.Exists(CertificateFile) ? File.ReadAllText(CertificateFile).Trim() : null;

    private void WriteOwnerOnly(string path, string content)
    {
        Directory.CreateDirectory(Root);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(content);
        }

        File.SetUnixFileMode(temporary, OwnerOnly);
        File.Move(temporary, path, overwrite: true);
    }
}
