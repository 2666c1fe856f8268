using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;

namespace Multiconnect.Harness;

/// <summary>
/// A private PostgreSQL server: its own data directory, its own port, its socket in that directory.
/// For a test run, in a temp directory removed at the end; for ./mc, in a directory kept and reused.
/// PostgreSQL refuses to run as root, so under root it runs as the postgres user. It listens on
/// loopback and its socket, and asks for a password (SCRAM) on both: the password is made on first use
/// and kept in the directory, readable by its owner only.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _binaries;
    private readonly string _directory;
    private readonly bool _keep;
    private int _databases;

    private PostgresServer(string binaries, string directory, int port, bool keep, string password)
    {
        _binaries = binaries;
        _directory = directory;
        _keep = keep;
        _password = password;
        Port = port;
    }

    private readonly string _password;

    public int Port { get; }

    /// <summary>Where the server's Unix socket is.</summary>
    public string SocketDirectory => _directory;

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>
    /// A throwaway server on a free port; disposing it stops it and deletes its data. With
    /// <paramref name="countStatements"/>, it preloads pg_stat_statements (<see cref="StatementWork"/>),
    /// which costs every statement a little: for benchmarks that report it.
    /// </summary>
    public static Task<PostgresServer> StartAsync(bool countStatements = false) =>
        StartAsync(Directory.CreateTempSubdirectory("mc-pg-").FullName, FreePort.Next(), keep: false,
            countStatements ? "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top" : "");

    /// <summary>
    /// Starts a server whose files live in <paramref name="directory"/>, creating its data directory on
    /// first use. With <paramref name="keep"/>, disposing leaves it running and its data in place.
    /// </summary>
    public static Task<PostgresServer> StartAsync(string directory, int port, bool keep) => StartAsync(directory, port, keep, settings: "");

    private static async Task<PostgresServer> StartAsync(string directory, int port, bool keep, string settings)
    {
        var binaries = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were found neither on PATH nor under /usr/lib/postgresql/*/bin. " +
            "Install the server (Debian: apt-get install postgresql).");
        Directory.CreateDirectory(directory);
        var passwordFile = Path.Combine(directory, "password");
        var trusting = File.Exists(Path.Combine(directory, "data", "PG_VERSION")) && !File.Exists(passwordFile);
        if (!File.Exists(passwordFile))
        {
            var ownerOnly = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                ownerOnly.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using var file = new StreamWriter(passwordFile, ownerOnly);
            await file.WriteAsync(Convert.ToHexString(RandomNumberGenerator.GetBytes(24)));
        }

        var server = new PostgresServer(binaries, directory, port, keep, (await File.ReadAllTextAsync(passwordFile)).Trim());
        if (Environment.UserName == "root")
        {
            await Run("chown", ["-R", "postgres", directory]);
        }

        if (!File.Exists(Path.Combine(server.DataDirectory, "PG_VERSION")))
        {
            await server.RunTool("initdb", [
                "-D", server.DataDirectory, "-U", "postgres", "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--no-sync"]);
        }

        await server.RunTool("pg_ctl", [
            "-D", server.DataDirectory, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {server.Port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=300 {settings}", "start"]);
        if (trusting)
        {
            await server.StopTrustingAsync();
        }

        return server;
    }

    /// <summary>
    /// A data directory made before passwords (by an older ./mc, with trust authentication): it gets the
    /// password, and its pg_hba.conf is replaced by one that asks for it everywhere.
    /// </summary>
    private async Task StopTrustingAsync()
    {
        await using (var admin = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false"))
        await using (var setPassword = admin.CreateCommand($"ALTER ROLE postgres PASSWORD '{_password}'"))
        {
            await setPassword.ExecuteNonQueryAsync();
        }

        var hba = Path.Combine(DataDirectory, "pg_hba.conf");
        await File.WriteAllTextAsync(hba, "local all all scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n");
        if (Environment.UserName == "root")
        {
            await Run("chown", ["postgres", hba]);
        }

        await RunTool("pg_ctl", ["-D", DataDirectory, "reload"]);
    }

    /// <summary>Whether initdb and pg_ctl can be found (on PATH, then under /usr/lib/postgresql/*/bin).</summary>
    public static bool IsInstalled => FindBinaries() is not null;

    /// <summary>Stops the server whose files live in <paramref name="directory"/>, if it runs (fast shutdown: sessions end, data is safe).</summary>
    public static async Task StopAsync(string directory)
    {
        var binaries = FindBinaries();
        var data = Path.Combine(directory, "data");
        if (binaries is null || !File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            return;
        }

        var server = new PostgresServer(binaries, directory, 0, keep: true, password: "");
        const int NotRunning = 3;
        if (await server.RunTool("pg_ctl", ["-D", data, "status"], check: false) != NotRunning)
        {
            await server.RunTool("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
        }
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
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={_password};Database={database};Pooling=true;Timeout=15";

    public async ValueTask DisposeAsync()
    {
        if (_keep)
        {
            return;
        }

        try
        {
            await RunTool("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task<int> RunTool(string tool, string[] arguments, bool check = true)
    {
        var path = Path.Combine(_binaries, tool);
        return Environment.UserName == "root"
            ? Run("runuser", ["-u", "postgres", "--", path, .. arguments], check)
            : Run(path, arguments, check);
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

    private static async Task<int> Run(string program, string[] arguments, bool check = true)
    {
        var (exitCode, output, error) = await ProcessRun.ToEndAsync(new ProcessStartInfo(program, arguments), Timeout.InfiniteTimeSpan);
        if (check && exitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({exitCode}): {output}{error}");
        }

        return exitCode;
    }
}
