using Npgsql;

namespace Multiconnect.Persistence;

public sealed class PostgresMessageLog(NpgsqlDataSource dataSource, string serviceId) : IMessageLog
{
    public async Task<IReadOnlyList<PendingMessage>?> AppendAsync(int shardId, long epoch, IReadOnlyList<PendingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        // The lease row is locked (FOR SHARE) until commit: a new owner's claim waits for this
        // append, so the rows it loads as pending include every message accepted before it took over.
        await using var command = dataSource.CreateCommand("""
            WITH lease AS (
                SELECT 1 FROM shard_leases WHERE service_id = $1 AND shard_id = $2 AND epoch = $3 FOR SHARE),
            written AS (
                INSERT INTO messages_out (id, service_id, shard_id, recipient, body, accepted_epoch)
                SELECT m.id, $1, $2, m.recipient, m.body, $3
                  FROM unnest($4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS m(id, recipient, body, position)
                 WHERE EXISTS (SELECT 1 FROM lease)
                 ORDER BY m.position
                ON CONFLICT (id) DO NOTHING
                RETURNING seq, id)
            SELECT (SELECT count(*) FROM lease) > 0, written.seq, written.id FROM written
            UNION ALL
            SELECT (SELECT count(*) FROM lease) > 0, NULL, NULL
            """);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = shardId });
        command.Parameters.Add(new() { Value = epoch });
        command.Parameters.Add(new() { Value = messages.Select(m => m.Id).ToArray() });
        command.Parameters.Add(new() { Value = messages.Select(m => m.Recipient).ToArray() });
        command.Parameters.Add(new() { Value = messages.Select(m => m.Body).ToArray() });

        var held = false;
        var written = new List<(long Seq, string Id)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                held = reader.GetBoolean(0);
                if (!reader.IsDBNull(1))
                {
                    written.Add((reader.GetInt64(1), reader.GetString(2)));
                }
            }
        }

        if (!held)
        {
            return null;
        }

        // A retried send can sit in one batch beside its first try: it is stored once, and answered for both.
        var byId = messages.DistinctBy(m => m.Id).ToDictionary(m => m.Id);
        return [.. written.OrderBy(w => w.Seq).Select(w => byId[w.Id])];
    }

    public async Task<IReadOnlyList<PendingMessage>> PendingAsync(int shardId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, recipient, body FROM messages_out
             WHERE service_id = $1 AND shard_id = $2 AND sent_at IS NULL
             ORDER BY seq
            """);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = shardId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pending = new List<PendingMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            pending.Add(new PendingMessage(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
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
}
