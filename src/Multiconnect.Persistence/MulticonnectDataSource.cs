using Npgsql;

namespace Multiconnect.Persistence;

public static class MulticonnectDataSource
{
    /// <summary>Npgsql's name for itself among ADO.NET providers; the Orleans providers need it alongside the data source.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// The one pooled data source of a process, shared by the Orleans providers and our own queries:
    /// at most MaxPoolSize connections, each showing <paramref name="applicationName"/> in pg_stat_activity.
    /// The pool carries the same name in Npgsql's metrics (the label db_client_connection_pool_name), rather
    /// than the connection string.
    /// <para>Our sessions never start parallel query workers (max_parallel_workers_per_gather = 0): every
    /// query here is small, and each worker is one more server process under the same application_name, so
    /// the process's footprint in PostgreSQL stays exactly its pool (a count over a long webhook backlog was
    /// seen to start two).</para>
    /// </summary>
    public static NpgsqlDataSource Create(PostgresOptions options, string applicationName)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        builder.ConnectionStringBuilder.MaxPoolSize = options.MaxPoolSize;
        builder.ConnectionStringBuilder.MinPoolSize = Math.Min(builder.ConnectionStringBuilder.MinPoolSize, options.MaxPoolSize);
        builder.ConnectionStringBuilder.ApplicationName = applicationName;
        builder.ConnectionStringBuilder.Options = $"{builder.ConnectionStringBuilder.Options} -c max_parallel_workers_per_gather=0".TrimStart();
        builder.Name = applicationName;
        return builder.Build();
    }
}
