namespace Multiconnect.Persistence;

/// <summary>
/// Multiconnect:Postgres. Environment: Multiconnect__Postgres__ConnectionString and so on.
/// Without a connection string the processes refuse to start, unless <see cref="InMemory"/> asks for
/// development mode, where nothing is durable: an empty Secret must not quietly lose every message.
/// </summary>
public sealed class PostgresOptions
{
    public const string Section = "Multiconnect:Postgres";

    public string? ConnectionString { get; set; }

    /// <summary>
    /// The most connections this process opens, shared by the Orleans providers and our queries.
    /// At least 2: a migration holds its advisory lock on one connection and runs on another.
    /// </summary>
    public int MaxPoolSize { get; set; } = 8;

    /// <summary>Run the schema migrations when the process starts (the `migrate` command does it on demand).</summary>
    public bool MigrateAtStartup { get; set; }

    /// <summary>Development mode, asked for explicitly (<c>./mc up --in-memory</c> does): no PostgreSQL, nothing durable.</summary>
    public bool InMemory { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString);
}
