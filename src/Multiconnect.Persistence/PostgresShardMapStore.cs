using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;
using Npgsql;

namespace Multiconnect.Persistence;

public sealed class PostgresShardMapStore(NpgsqlDataSource dataSource, string serviceId) : IShardMapStore
{
    private const string Columns = "shard_count, generation, changed_at, account_cc, account_phone, account_cert, number_since";

    public async Task<ShardMapView> ReadAsync(CancellationToken cancellationToken)
    {
        // The row is created on first use, so that appends always have a row to lock.
        await using var command = dataSource.CreateCommand($"""
            WITH created AS (
                INSERT INTO shard_maps (service_id, shard_count, generation) VALUES ($1, 1, 0)
                ON CONFLICT (service_id) DO NOTHING
                RETURNING {Columns})
            SELECT {Columns} FROM created
            UNION ALL
            SELECT {Columns} FROM shard_maps WHERE service_id = $1
            """);
        command.Parameters.Add(new() { Value = serviceId });
        return await ReadMapAsync(command, cancellationToken);
    }

    public async Task<ShardMapView> ChangeAsync(ShardCount shards, BusinessAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await ReadAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Every append holds the row FOR SHARE until it commits (PostgresMessageLog), and the update below
        // waits for them. Row locks are not queued: shares that overlap one another, as the appends of
        // several shards under load do, keep an update waiting for as long as the load lasts (a change
        // waited 17 s under 8 such streams). The table's lock is queued: taken first, it waits for the
        // appends in flight only, and the appends after it wait the few milliseconds of the update.
        await using (var gate = new NpgsqlCommand("LOCK TABLE shard_maps IN EXCLUSIVE MODE", connection, transaction))
        {
            await gate.ExecuteNonQueryAsync(cancellationToken);
        }

        // A new count, or another number than the one stored, is a new generation; the first number
        // named keeps the generation (nothing was accepted for another one).
        await using var command = new NpgsqlCommand($"""
            UPDATE shard_maps
               SET generation = generation + CASE WHEN shard_count <> $2 OR account_changed THEN 1 ELSE 0 END,
                   changed_at = CASE WHEN shard_count <> $2 OR account_changed THEN now() ELSE changed_at END,
                   number_since = CASE WHEN account_changed THEN generation + 1 WHEN account_cc IS NULL THEN generation ELSE number_since END,
                   shard_count = $2, account_cc = $3, account_phone = $4, account_cert = $5
              FROM (SELECT account_cc IS NOT NULL AND (account_cc, account_phone) <> ($3, $4) AS account_changed
                      FROM shard_maps WHERE service_id = $1) AS change
             WHERE service_id = $1
            RETURNING {Columns}
            """, connection, transaction);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = shards.Value });
        command.Parameters.Add(new() { Value = account.Cc });
        command.Parameters.Add(new() { Value = account.PhoneNumber });
        command.Parameters.Add(new() { Value = account.Certificate });
        var map = await ReadMapAsync(command, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return map;
    }

    private static async Task<ShardMapView> ReadMapAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("The shard map row is missing.");
        }

        var account = reader.IsDBNull(3) ? null : new BusinessAccount(reader.GetString(3), reader.GetString(4), reader.GetString(5));
        return new ShardMapView(
            ShardCount.From(reader.GetInt32(0)),
            reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
            account) { NumberSince = reader.GetInt64(6) };
    }
}
