using Multiconnect.Contracts.Grains;
using Npgsql;
using NpgsqlTypes;

namespace Multiconnect.Persistence;

public sealed class PostgresMessageLog(NpgsqlDataSource dataSource, string serviceId) : IMessageLog
{
    public async Task<AppendResult> AppendAsync(int shardId, long epoch, long generation, IReadOnlyList<PendingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        // The lease row is locked (FOR SHARE) until commit: a new owner's claim waits for this append, so
        // the rows it loads as pending include every message accepted before it took over. The shard map's
        // row too: a change of count waits for this append, so no row of an older generation commits after
        // it, and a shard that gains recipients sees, once the change is made, every row it must wait for.
        // (The change locks the table first, so that appends that overlap cannot keep it waiting.)
        await using var command = dataSource.CreateCommand("""
            WITH lease AS (
                SELECT 1 FROM shard_leases WHERE service_id = $1 AND shard_id = $2 AND epoch = $3 FOR SHARE),
            map AS (
                SELECT generation, shard_count FROM shard_maps WHERE service_id = $1 FOR SHARE),
            written AS (
                INSERT INTO messages_out (id, service_id, shard_id, recipient, body, accepted_epoch, generation, shards, bucket, type, expires_at)
                SELECT m.id, $1, $2, m.recipient, m.body, $3, map.generation, map.shard_count, m.bucket, m.type, m.expires_at
                  FROM unnest($5::text[], $6::text[], $7::text[], $8::smallint[], $9::text[], $10::timestamptz[])
                       WITH ORDINALITY AS m(id, recipient, body, bucket, type, expires_at, position),
                       map
                 WHERE EXISTS (SELECT 1 FROM lease) AND map.generation = $4
                 ORDER BY m.position
                ON CONFLICT (id) DO NOTHING
                RETURNING seq, id, shards)
            SELECT (SELECT count(*) FROM lease) > 0, (SELECT generation FROM map), written.seq, written.id, written.shards FROM written
            UNION ALL
            SELECT (SELECT count(*) FROM lease) > 0, (SELECT generation FROM map), NULL, NULL, NULL
            """);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = shardId });
        command.Parameters.Add(new() { Value = epoch });
        command.Parameters.Add(new() { Value = generation });
        command.Parameters.Add(new() { Value = messages.Select(m => m.Id).ToArray() });
        command.Parameters.Add(new() { Value = messages.Select(m => m.Recipient).ToArray() });
        command.Parameters.Add(new() { Value = messages.Select(m => m.Body).ToArray() });
        command.Parameters.Add(new() { Value = messages.Select(m => (short)m.Bucket).ToArray() });
        command.Parameters.Add(new() { Value = messages.Select(m => m.Type).ToArray() });
        command.Parameters.Add(new() { Value = messages.Select(m => m.ExpiresAt?.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });

        var held = false;
        var current = -1L;
        var shards = 0;
        var written = new List<(long Seq, string Id)>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                held = reader.GetBoolean(0);
                current = reader.IsDBNull(1) ? -1 : reader.GetInt64(1);
                if (!reader.IsDBNull(2))
                {
                    written.Add((reader.GetInt64(2), reader.GetString(3)));
                    shards = reader.GetInt16(4);
                }
            }
        }
        catch (PostgresException e) when (RefusesContent(e))
        {
            throw new MessageRefusedException($"The message log refused it: {e.MessageText}", e);
        }

        // A retried send can sit in one batch beside its first try: it is stored once, and answered for both.
        var byId = messages.DistinctBy(m => m.Id).ToDictionary(m => m.Id);
        return new AppendResult(held, current,
            [.. written.OrderBy(w => w.Seq).Select(w => byId[w.Id] with { Generation = generation, Shards = shards })]);
    }

    /// <summary>Data exceptions (class 22, e.g. 22021 for a NUL in text) and integrity violations (23): the rows, not the database, are at fault.</summary>
    private static bool RefusesContent(PostgresException e) => e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal);

    public async Task<IReadOnlyList<PendingMessage>> PendingAsync(int shardId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, recipient, body, coalesce(bucket, -1), generation, shards, type, expires_at FROM messages_out
             WHERE service_id = $1 AND shard_id = $2 AND sent_at IS NULL
             ORDER BY seq
            """);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = shardId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pending = new List<PendingMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            pending.Add(new PendingMessage(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt16(3), reader.GetInt64(4), reader.GetInt16(5), reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return pending;
    }

    public async Task MarkSentAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await using var command = dataSource.CreateCommand("UPDATE messages_out SET sent_at = now() WHERE id = ANY($1) AND sent_at IS NULL");
        command.Parameters.Add(new() { Value = ids.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task MarkRefusedAsync(string id, string refusal, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE messages_out SET sent_at = now(), refusal = $2 WHERE id = $1 AND sent_at IS NULL");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = refusal });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<int, long>> BlockedBucketsAsync(int shardId, long generation, IReadOnlyCollection<int> buckets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        await using var command = dataSource.CreateCommand("""
            SELECT coalesce(bucket, -1), min(generation) FROM messages_out
             WHERE service_id = $1 AND sent_at IS NULL AND shard_id <> $2 AND generation < $3
               AND (bucket IS NULL OR bucket = ANY($4))
             GROUP BY 1
            """);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = shardId });
        command.Parameters.Add(new() { Value = generation });
        command.Parameters.Add(new() { Value = buckets.Select(b => (short)b).ToArray() });
        var oldest = new Dictionary<int, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (bucket, generationElsewhere) = ((int)reader.GetInt16(0), reader.GetInt64(1));
            foreach (var blocked in bucket < 0 ? buckets : [bucket])
            {
                oldest[blocked] = Math.Min(oldest.GetValueOrDefault(blocked, long.MaxValue), generationElsewhere);
            }
        }

        return oldest;
    }

    public async Task<IReadOnlyList<int>> ShardsWithPendingAsync(int fromShardId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT shard FROM generate_series($2::integer, 31) AS shard
             WHERE EXISTS (SELECT 1 FROM messages_out WHERE service_id = $1 AND shard_id = shard AND sent_at IS NULL)
            """);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = fromShardId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var shards = new List<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            shards.Add(reader.GetInt32(0));
        }

        return shards;
    }

    /// <summary>
    /// Messages the upstream acknowledged more than <paramref name="retention"/> ago. A message not yet
    /// sent is never deleted, however old: its shard still has to deliver it, and after a change of the
    /// shard count the shard that gained its recipient waits for it.
    /// </summary>
    public Task<int> DeleteSentMessagesAsync(NpgsqlConnection connection, TimeSpan retention, int limit, CancellationToken cancellationToken) =>
        Pruning.DeleteAsync(connection, serviceId, """
            DELETE FROM messages_out WHERE seq = ANY(ARRAY(
                SELECT seq FROM messages_out
                 WHERE service_id = $1 AND sent_at IS NOT NULL AND sent_at < now() - $2
                 ORDER BY sent_at LIMIT $3))
            """, retention, limit, cancellationToken);
}
