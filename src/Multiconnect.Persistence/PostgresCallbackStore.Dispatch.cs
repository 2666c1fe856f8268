using Npgsql;
using NpgsqlTypes;

namespace Multiconnect.Persistence;

/// <summary>
/// The webhook dispatcher's queries on webhook_outbox and application_settings. A conversation's order
/// is its rows' seq order; only the oldest undelivered row of a conversation (its head) carries the
/// conversation's retry time (next_attempt_at).
/// </summary>
public sealed partial class PostgresCallbackStore
{
    /// <summary>
    /// Where callbacks go now, and the first <paramref name="rowsEach"/> undelivered rows of up to
    /// <paramref name="conversations"/> conversations whose retry time has come, oldest head first, leaving
    /// out the <paramref name="busy"/> ones. No target (no URL set): no rows, they wait.
    /// One statement, so one snapshot: the rows are sent to the URL read with them (which statuses are written at
    /// all is decided when they are recorded, <see cref="RecordStatusesAsync"/>).
    /// Heads are found by skipping through the pending index one conversation at a time, so the cost
    /// follows the number of conversations waiting, not the number of rows.
    /// </summary>
    public async Task<(WebhookTarget? Target, IReadOnlyList<OutboxRow> Rows)> TakeDueAsync(
        NpgsqlConnection connection, int conversations, int rowsEach, IReadOnlyCollection<string> busy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(busy);
        await using var command = new NpgsqlCommand($"""
            WITH RECURSIVE target AS (
                SELECT {SettingsColumns} FROM application_settings
                 WHERE service_id = $1 AND webhook_url IS NOT NULL AND webhook_url <> ''),
            heads AS (
                (SELECT conversation, seq, next_attempt_at FROM webhook_outbox
                  WHERE service_id = $1 AND delivered_at IS NULL AND EXISTS (SELECT FROM target)
                  ORDER BY conversation, seq LIMIT 1)
                UNION ALL
                SELECT next.conversation, next.seq, next.next_attempt_at
                  FROM heads CROSS JOIN LATERAL (
                       SELECT conversation, seq, next_attempt_at FROM webhook_outbox
                        WHERE service_id = $1 AND delivered_at IS NULL AND conversation > heads.conversation
                        ORDER BY conversation, seq LIMIT 1) AS next),
            due AS (
                SELECT conversation FROM heads
                 WHERE next_attempt_at <= now() AND conversation <> ALL($2)
                 ORDER BY seq LIMIT $3),
            batch AS (
                SELECT callback.* FROM due CROSS JOIN LATERAL (
                       SELECT seq, conversation, payload::text AS payload, attempts FROM webhook_outbox
                        WHERE service_id = $1 AND delivered_at IS NULL AND conversation = due.conversation
                        ORDER BY seq LIMIT $4) AS callback)
            SELECT target.*, batch.seq, batch.conversation, batch.payload, batch.attempts
              FROM target LEFT JOIN batch ON true
             ORDER BY batch.conversation, batch.seq
            """, connection);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = busy.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = conversations });
        command.Parameters.Add(new() { Value = rowsEach });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        WebhookTarget? target = null;
        var rows = new List<OutboxRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            target ??= ReadSettings(reader) is { WebhookUrl: { } url } settings && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                ? new WebhookTarget(url, settings)
                : null;
            const int Row = 10; // the batch's columns follow the settings'
            if (target is not null && !reader.IsDBNull(Row))
            {
                rows.Add(new OutboxRow(reader.GetInt64(Row), reader.GetString(Row + 1), reader.GetString(Row + 2), reader.GetInt32(Row + 3)));
            }
        }

        return (target, rows);
    }

    /// <summary>
    /// Records finished turns in one round trip: delivered rows get delivered_at; a failed
    /// head gets its attempt, its error and the time of its retry, <paramref name="backoff"/> from now.
    /// </summary>
    public static async Task RecordTurnsAsync(
        NpgsqlConnection connection, IReadOnlyList<ConversationTurn> turns, Func<int, TimeSpan> backoff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turns);
        ArgumentNullException.ThrowIfNull(backoff);
        await using var batch = new NpgsqlBatch(connection);
        var delivered = turns.SelectMany(t => t.Delivered).ToArray();
        if (delivered.Length > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "UPDATE webhook_outbox SET delivered_at = now(), attempts = attempts + 1 WHERE seq = ANY($1) AND delivered_at IS NULL")
            { Parameters = { new() { Value = delivered } } });
        }

        var failures = turns.Select(t => t.Failure).OfType<DeliveryFailure>().ToArray();
        if (failures.Length > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                UPDATE webhook_outbox AS callback
                   SET attempts = callback.attempts + 1, last_error = failed.error,
                       next_attempt_at = now() + failed.backoff_ms * interval '1 millisecond'
                  FROM unnest($1::bigint[], $2::text[], $3::bigint[]) AS failed(seq, error, backoff_ms)
                 WHERE callback.seq = failed.seq AND callback.delivered_at IS NULL
                """)
            {
                Parameters =
                {
                    new() { Value = failures.Select(f => f.Seq).ToArray() },
                    new() { Value = failures.Select(f => f.Error).ToArray() },
                    new() { Value = failures.Select(f => (long)backoff(f.Failures).TotalMilliseconds).ToArray() },
                },
            });
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
