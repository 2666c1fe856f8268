using Npgsql;

namespace Multiconnect.Persistence;

public sealed class PostgresShardLeaseStore(NpgsqlDataSource dataSource, string serviceId) : IShardLeaseStore
{
    public async Task<ShardLease> ClaimAsync(int shardId, string ownerSilo, string ownerName, CancellationToken cancellationToken)
    {
        // The CTE reads the row as it was before this statement: who held the lease, if anyone still did.
        await using var command = dataSource.CreateCommand("""
            WITH previous AS (
                SELECT owner_name FROM shard_leases
                 WHERE service_id = $1 AND shard_id = $2 AND owner_silo IS NOT NULL AND owner_silo <> $3)
            INSERT INTO shard_leases AS lease (service_id, shard_id, epoch, owner_silo, owner_name, claimed_at, renewed_at)
            VALUES ($1, $2, 1, $3, $4, now(), now())
            ON CONFLICT (service_id, shard_id) DO UPDATE
               SET epoch = lease.epoch + 1, owner_silo = EXCLUDED.owner_silo, owner_name = EXCLUDED.owner_name,
                   claimed_at = EXCLUDED.claimed_at, renewed_at = EXCLUDED.renewed_at
            RETURNING epoch, claimed_at, (SELECT owner_name FROM previous)
            """);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = shardId });
        command.Parameters.Add(new() { Value = ownerSilo });
        command.Parameters.Add(new() { Value = ownerName });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ShardLease(shardId, reader.GetInt64(0), ownerSilo, ownerName, reader.GetFieldValue<DateTimeOffset>(1),
            reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    public async Task<bool> RenewAsync(ShardLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        // One statement: renew if the epoch is still ours, otherwise record the refused attempt.
        await using var command = dataSource.CreateCommand("""
            WITH renewed AS (
                UPDATE shard_leases SET renewed_at = now()
                 WHERE service_id = $1 AND shard_id = $2 AND epoch = $3 AND owner_silo = $4
                RETURNING 1),
            refused AS (
                INSERT INTO shard_fence_events (service_id, shard_id, stale_epoch, current_epoch, stale_silo)
                SELECT $1, $2, $3, (SELECT epoch FROM shard_leases WHERE service_id = $1 AND shard_id = $2), $4
                 WHERE NOT EXISTS (SELECT 1 FROM renewed)
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM renewed)
            """);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = lease.ShardId });
        command.Parameters.Add(new() { Value = lease.Epoch });
        command.Parameters.Add(new() { Value = lease.OwnerSilo });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task ReleaseAsync(ShardLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var command = dataSource.CreateCommand("""
            UPDATE shard_leases SET owner_silo = NULL, owner_name = NULL, renewed_at = now()
             WHERE service_id = $1 AND shard_id = $2 AND epoch = $3
            """);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = lease.ShardId });
        command.Parameters.Add(new() { Value = lease.Epoch });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ShardLease>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT shard_id, epoch, owner_silo, owner_name, claimed_at FROM shard_leases
             WHERE service_id = $1 AND owner_silo IS NOT NULL ORDER BY shard_id
            """);
        command.Parameters.Add(new() { Value = serviceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var leases = new List<ShardLease>();
        while (await reader.ReadAsync(cancellationToken))
        {
            leases.Add(new ShardLease(reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return leases;
    }

    /// <summary>Fence events (refused attempts of replaced shard owners) recorded more than <paramref name="retention"/> ago.</summary>
    /// <remarks>The oldest rows by id, which is the order of refusal: the deletion stops at the first recent one.</remarks>
    public Task<int> DeleteFenceEventsAsync(NpgsqlConnection connection, TimeSpan retention, int limit, CancellationToken cancellationToken) =>
        Pruning.DeleteAsync(connection, serviceId, """
            DELETE FROM shard_fence_events WHERE id = ANY(ARRAY(
                SELECT id FROM (SELECT id, refused_at FROM shard_fence_events WHERE service_id = $1 ORDER BY id LIMIT $3) AS oldest
                 WHERE refused_at < now() - $2))
            """, retention, limit, cancellationToken);
}
