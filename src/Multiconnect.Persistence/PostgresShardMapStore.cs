using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;
using Npgsql;

namespace Multiconnect.Persistence;

public sealed class PostgresShardMapStore(NpgsqlDataSource dataSource, string serviceId) : IShardMapStore
{
    private const string Columns = "shard_count, generation, changed_at, account_cc, account_phone, account_cert";

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
        await using var command = dataSource.CreateCommand($"""
            UPDATE shard_maps
               SET generation = generation + CASE WHEN shard_count <> $2 THEN 1 ELSE 0 END,
                   changed_at = CASE WHEN shard_count <> $2 THEN now() ELSE changed_at END,
                   shard_count = $2, account_cc = $3, account_phone = $4, account_cert = $5
             WHERE service_id = $1
            RETURNING {Columns}
            """);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = shards.Value });
        command.Parameters.Add(new() { Value = account.Cc });
        command.Parameters.Add(new() { Value = account.PhoneNumber });
        command.Parameters.Add(new() { Value = account.Certificate });
        return await ReadMapAsync(command, cancellationToken);
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
            account);
    }
}
