using Npgsql;

namespace Multiconnect.Harness;

/// <summary>
/// What PostgreSQL did for one database while something ran, statement by statement, from
/// pg_stat_statements (which the server must preload: <see cref="PostgresServer.StartAsync(bool)"/>).
/// Its counters are exact and current (written when each statement ends, unlike the cumulative
/// statistics views, which lag by up to seconds). Reset before, read after: the work between.
/// </summary>
/// <param name="Query">The statement, normalized (parameters as $1, …), on one line.</param>
/// <param name="Calls">Executions.</param>
/// <param name="Rows">Rows returned or written.</param>
/// <param name="ExecutionTime">Time spent executing (not counting planning or waiting for the client).</param>
/// <param name="WalBytes">Write-ahead log the statement generated: what a statement costs the disk and the replicas.</param>
public sealed record StatementWork(string Query, long Calls, long Rows, TimeSpan ExecutionTime, long WalBytes)
{
    /// <summary>Forgets the statements of every database on the server of <paramref name="connectionString"/>.</summary>
    public static async Task ResetAsync(string connectionString)
    {
        await using var database = Server(connectionString);
        await using var reset = database.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()");
        await reset.ExecuteNonQueryAsync();
    }

    /// <summary>The statements run in the database of <paramref name="connectionString"/> since the last reset, the most time first.</summary>
    public static async Task<IReadOnlyList<StatementWork>> ReadAsync(string connectionString)
    {
        await using var database = Server(connectionString);
        await using var read = database.CreateCommand("""
            SELECT regexp_replace(query, '\s+', ' ', 'g'), calls, rows, total_exec_time, wal_bytes FROM pg_stat_statements
             WHERE dbid = (SELECT oid FROM pg_database WHERE datname = $1)
             ORDER BY total_exec_time DESC
            """);
        read.Parameters.Add(new() { Value = new NpgsqlConnectionStringBuilder(connectionString).Database! });
        await using var reader = await read.ExecuteReaderAsync();
        var statements = new List<StatementWork>();
        while (await reader.ReadAsync())
        {
            statements.Add(new StatementWork(
                reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), TimeSpan.FromMilliseconds(reader.GetDouble(3)), (long)reader.GetDecimal(4)));
        }

        return statements;
    }

    /// <summary>The server's own database, where the extension's view is created (the measured database is left as it is).</summary>
    private static NpgsqlDataSource Server(string connectionString) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
}
