using System.Diagnostics;
using Npgsql;

namespace Multiconnect.Harness;

/// <summary>
/// A private PostgreSQL server for the test run: its own data directory, a free port, its socket in
/// a temp directory. PostgreSQL refuses to run as root, so under root it runs as the postgres user.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _binaries;
    private readonly string _directory;
    private int _databases;

    private PostgresServer(string binaries, string directory, int port)
    {
        _binaries = binaries;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_directory, "data");

    public static async Task<PostgresServer> StartAsync()
    {
        var binaries = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were found neither on PATH nor under /usr/lib/postgresql/*/bin. " +
            "Install the server (Debian: apt-get install postgresql) to run the integration tests.");
        var directory = Directory.CreateTempSubdirectory("mc-pg-").FullName;
        var server = new PostgresServer(binaries, directory, FreePort.Next());
        if (Environment.UserName == "root")
        {
            await Run("chown", ["-R", "postgres", directory]);
        }

        await server.RunTool("initdb", ["-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        await server.RunTool("pg_ctl", [
            "-D", server.DataDirectory, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {server.Port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=300", "start"]);
        return server;
    }

    /// <summary>A new, empty database (one per test, so tests cannot see each other's clusters).</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"mc_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..24];
        await using var admin = NpgsqlDataSource.Create(ConnectionString("postgres"));
        await using var create = admin.CreateCommand($"CREATE DATABASE {name}");
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=15";

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunTool("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task RunTool(string tool, string[] arguments)
    {
        var path = Path.Combine(_binaries, tool);
        return Environment.UserName == "root"
            ? Run("runuser", ["-u", "postgres", "--", path, .. arguments])
            : Run(path, arguments);
    }

    private static string? FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
        if (onPath is not null)
        {
            return onPath;
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
    }

    private static async Task Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
