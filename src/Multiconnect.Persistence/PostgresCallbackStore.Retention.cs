using Npgsql;

namespace Multiconnect.Persistence;

/// <summary>The retention pruner's deletes on the callbacks' tables (<see cref="Pruning"/>).</summary>
public sealed partial class PostgresCallbackStore
{
    /// <summary>Callbacks the webhook accepted more than <paramref name="retention"/> ago.</summary>
    public Task<int> DeleteDeliveredCallbacksAsync(NpgsqlConnection connection, TimeSpan retention, int limit, CancellationToken cancellationToken) =>
        Pruning.DeleteAsync(connection, serviceId, """
            DELETE FROM webhook_outbox WHERE seq = ANY(ARRAY(
                SELECT seq FROM webhook_outbox
                 WHERE service_id = $1 AND delivered_at IS NOT NULL AND delivered_at < now() - $2
                 ORDER BY delivered_at LIMIT $3))
            """, retention, limit, cancellationToken);

    /// <summary>
    /// Drops undelivered callbacks beyond the backlog's bounds, oldest first, among the oldest
    /// <paramref name="limit"/> undelivered ones: those written more than <paramref name="maxAge"/> ago
    /// (reason age), and those that <paramref name="maxCount"/> or more callbacks of this service were
    /// written after, delivered or not (reason count; seq is the order of writing). The second bound
    /// keeps at most <paramref name="maxCount"/> callbacks waiting, the newest, without counting them.
    /// </summary>
    public async Task<DroppedCallbacks> DropUndeliveredCallbacksAsync(
        NpgsqlConnection connection, TimeSpan maxAge, long maxCount, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH oldest AS (
                SELECT seq, created_at FROM webhook_outbox
                 WHERE service_id = $1 AND delivered_at IS NULL
                 ORDER BY seq LIMIT $4),
            newest AS (
                SELECT max(seq) AS seq FROM webhook_outbox WHERE service_id = $1),
            beyond AS (
                SELECT oldest.seq, oldest.created_at < now() - $2 AS too_old
                  FROM oldest, newest
                 WHERE oldest.created_at < now() - $2 OR oldest.seq <= newest.seq - $3),
            dropped AS (
                DELETE FROM webhook_outbox AS callback USING beyond
                 WHERE callback.seq = beyond.seq AND callback.delivered_at IS NULL
                RETURNING beyond.seq, beyond.too_old)
            SELECT count(*) FILTER (WHERE too_old), min(seq) FILTER (WHERE too_old), max(seq) FILTER (WHERE too_old),
                   count(*) FILTER (WHERE NOT too_old), min(seq) FILTER (WHERE NOT too_old), max(seq) FILTER (WHERE NOT too_old)
              FROM dropped
            """, connection);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = maxAge });
        command.Parameters.Add(new() { Value = maxCount });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DroppedCallbacks(Range(reader, 0), Range(reader, 3));

        static SeqRange Range(NpgsqlDataReader reader, int at) => reader.GetInt64(at) == 0
            ? SeqRange.Empty
            : new SeqRange(reader.GetInt64(at), reader.GetInt64(at + 1), reader.GetInt64(at + 2));
    }

    /// <summary>
    /// Users' messages that arrived more than <paramref name="retention"/> ago and whose callback no
    /// longer waits for the webhook (delivered, or dropped beyond the backlog's bounds): one page of them
    /// in order of arrival, after <paramref name="after"/>. A message whose callback still waits is kept
    /// with it, and skipped by the next pages of the same pass.
    /// </summary>
    public async Task<InboundPage> DeleteInboundMessagesAsync(
        NpgsqlConnection connection, TimeSpan retention, DateTime? after, int limit, CancellationToken cancellationToken)
    {
        // The message and its callback are written by one statement (RecordInboundAsync), the callback
        // carrying the message's id at messages[0].id, in the conversation of its sender.
        await using var command = new NpgsqlCommand("""
            WITH page AS (
                SELECT id, sender, received_at FROM messages_in
                 WHERE service_id = $1 AND received_at < now() - $2 AND received_at > coalesce($3, '-infinity')
                 ORDER BY received_at LIMIT $4),
            deleted AS (
                DELETE FROM messages_in WHERE id = ANY(ARRAY(
                    SELECT page.id FROM page
                     WHERE NOT EXISTS (
                           SELECT FROM webhook_outbox AS callback
                            WHERE callback.service_id = $1 AND callback.conversation = page.sender AND callback.delivered_at IS NULL
                              AND callback.kind = 'message' AND callback.payload #>> '{messages,0,id}' = page.id)))
                RETURNING 1)
            SELECT (SELECT count(*) FROM deleted), (SELECT count(*) FROM page), (SELECT max(received_at) FROM page)
            """, connection);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = retention });
        command.Parameters.Add(new() { Value = after.HasValue ? after.Value : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new InboundPage((int)reader.GetInt64(0), (int)reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetDateTime(2));
    }

}
