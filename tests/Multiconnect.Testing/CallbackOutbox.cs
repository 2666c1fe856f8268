using Npgsql;
using NpgsqlTypes;

namespace Multiconnect.Testing;

/// <summary>The webhook_outbox and the dispatcher role, read and fed with SQL, as the shards and an operator see them.</summary>
public static class CallbackOutbox
{
    public const string DefaultServiceId = "multiconnect";

    /// <summary>The dispatcher role's advisory lock: pg_try_advisory_lock(0x6D637768 "mcwh", hashtext(service_id)).</summary>
    private const long LockClass = 0x6D63_7768;

    /// <summary>Inserts the callbacks in one statement, in the order given (their seq follows it); returns their seq.</summary>
    public static async Task<IReadOnlyList<long>> InsertAsync(string connectionString, IReadOnlyList<Callback> callbacks, string serviceId = DefaultServiceId)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO webhook_outbox (service_id, conversation, kind, status, payload)
            SELECT $1, c.conversation, c.kind, c.status, c.payload
              FROM unnest($2::text[], $3::text[], $4::text[], $5::jsonb[]) WITH ORDINALITY AS c(conversation, kind, status, payload, position)
             ORDER BY c.position
            RETURNING seq
            """);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = callbacks.Select(c => c.Conversation).ToArray() });
        command.Parameters.Add(new() { Value = callbacks.Select(c => c.Kind).ToArray() });
        command.Parameters.Add(new() { Value = callbacks.Select(c => c.Status).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = callbacks.Select(c => c.Payload).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        await using var reader = await command.ExecuteReaderAsync();
        var seqs = new List<long>();
        while (await reader.ReadAsync())
        {
            seqs.Add(reader.GetInt64(0));
        }

        return seqs;
    }

    public static async Task<IReadOnlyList<OutboxRowState>> ReadAsync(string connectionString, string serviceId = DefaultServiceId)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("""
            SELECT seq, conversation, status, COALESCE(payload #>> '{statuses,0,id}', payload #>> '{messages,0,id}'),
                   attempts, delivered_at IS NOT NULL, last_error, next_attempt_at
              FROM webhook_outbox WHERE service_id = $1 ORDER BY seq
            """);
        command.Parameters.Add(new() { Value = serviceId });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<OutboxRowState>();
        while (await reader.ReadAsync())
        {
            rows.Add(new OutboxRowState(
                reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetBoolean(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return rows;
    }

    /// <summary>The node name of the CoreApp that holds the dispatcher role now (from its connection's application_name), or null.</summary>
    public static async Task<string?> DispatcherAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("""
            SELECT activity.application_name FROM pg_locks AS lock JOIN pg_stat_activity AS activity ON activity.pid = lock.pid
             WHERE lock.locktype = 'advisory' AND lock.granted AND lock.classid = $1::oid
               AND lock.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """);
        command.Parameters.Add(new() { Value = LockClass });
        return await command.ExecuteScalarAsync() is string application ? application["multiconnect-".Length..] : null;
    }
}
