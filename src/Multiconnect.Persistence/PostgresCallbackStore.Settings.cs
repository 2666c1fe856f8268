using Npgsql;
using NpgsqlTypes;

namespace Multiconnect.Persistence;

/// <summary>
/// The application_settings row of this service (absent: the defaults, <see cref="ApplicationSettings.Default"/>),
/// and how many callbacks wait.
/// </summary>
public sealed partial class PostgresCallbackStore
{
    /// <summary>Exact up to this many waiting callbacks; see <see cref="EstimateBacklogAsync(NpgsqlConnection, CancellationToken)"/>.</summary>
    public const int BacklogExactUpTo = 10_000;

    /// <summary>The columns <see cref="ReadSettings"/> reads, in its order.</summary>
    internal const string SettingsColumns = """
        webhook_url, sent_status, delivered_status, read_status, callback_persist, callback_backoff_delay_ms,
        max_callback_backoff_delay_ms, max_concurrent_requests, heartbeat_interval, unhealthy_interval
        """;

    public async Task<ApplicationSettings> GetSettingsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {SettingsColumns} FROM application_settings WHERE service_id = $1");
        command.Parameters.Add(new() { Value = serviceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadSettings(reader) : ApplicationSettings.Default;
    }

    public async Task<ApplicationSettings> UpdateSettingsAsync(ApplicationSettingsPatch patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        // The row is created with the columns' defaults if missing; then one statement changes only the
        // fields the patch names, all of them or none.
        await using (var create = dataSource.CreateCommand("INSERT INTO application_settings (service_id) VALUES ($1) ON CONFLICT (service_id) DO NOTHING"))
        {
            create.Parameters.Add(new() { Value = serviceId });
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = dataSource.CreateCommand($"""
            UPDATE application_settings
               SET updated_at = now(),
                   webhook_url = CASE WHEN $2 THEN $3 ELSE webhook_url END,
                   sent_status = COALESCE($4, sent_status),
                   delivered_status = COALESCE($5, delivered_status),
                   read_status = COALESCE($6, read_status),
                   callback_persist = COALESCE($7, callback_persist),
                   callback_backoff_delay_ms = COALESCE($8, callback_backoff_delay_ms),
                   max_callback_backoff_delay_ms = COALESCE($9, max_callback_backoff_delay_ms),
                   max_concurrent_requests = COALESCE($10, max_concurrent_requests),
                   heartbeat_interval = COALESCE($11, heartbeat_interval),
                   unhealthy_interval = COALESCE($12, unhealthy_interval)
             WHERE service_id = $1
            RETURNING {SettingsColumns}
            """);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = patch.SetsWebhookUrl });
        command.Parameters.Add(Nullable(patch.WebhookUrl?.OriginalString, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(patch.SentStatus, NpgsqlDbType.Boolean));
        command.Parameters.Add(Nullable(patch.DeliveredStatus, NpgsqlDbType.Boolean));
        command.Parameters.Add(Nullable(patch.ReadStatus, NpgsqlDbType.Boolean));
        command.Parameters.Add(Nullable(patch.CallbackPersist, NpgsqlDbType.Boolean));
        command.Parameters.Add(Nullable(patch.CallbackBackoffDelayMs, NpgsqlDbType.Integer));
        command.Parameters.Add(Nullable(patch.MaxCallbackBackoffDelayMs, NpgsqlDbType.Integer));
        command.Parameters.Add(Nullable(patch.MaxConcurrentRequests, NpgsqlDbType.Integer));
        command.Parameters.Add(Nullable(patch.HeartbeatInterval, NpgsqlDbType.Integer));
        command.Parameters.Add(Nullable(patch.UnhealthyInterval, NpgsqlDbType.Integer));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadSettings(reader);
    }

    public async Task<ApplicationSettings> ResetSettingsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM application_settings WHERE service_id = $1");
        command.Parameters.Add(new() { Value = serviceId });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ApplicationSettings.Default;
    }

    public async Task<long> EstimateBacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await EstimateBacklogAsync(connection, cancellationToken);
    }

    /// <summary>
    /// How many callbacks wait for the webhook, without counting a large backlog: shown in
    /// <c>/v1/health</c>, <c>/v1/metrics</c> and the gauge <c>multiconnect.webhooks.backlog</c>.
    /// <list type="bullet">
    /// <item>Up to <see cref="BacklogExactUpTo"/> waiting callbacks, the figure is their exact number: a
    /// count that stops after that many entries of the index of undelivered callbacks.</item>
    /// <item>Beyond, it is the span of their seq, newest − oldest + 1: two index lookups. That is an upper
    /// bound, exact when the waiting callbacks are consecutive, which they are when no webhook URL is set
    /// or the webhook fails for every conversation, the cases where a backlog grows large. When one
    /// conversation keeps failing while the others are delivered, the span also counts the delivered
    /// callbacks written after its oldest: the figure grows, which is what health should show.</item>
    /// </list>
    /// The span is also what <c>MaxPendingCallbacks</c> bounds, so the figure never stays above that bound.
    /// </summary>
    public async Task<long> EstimateBacklogAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT CASE WHEN counted.waiting <= $2 THEN counted.waiting
                        ELSE (SELECT max(seq) - min(seq) + 1 FROM webhook_outbox WHERE service_id = $1 AND delivered_at IS NULL) END
              FROM (SELECT count(*) AS waiting
                      FROM (SELECT FROM webhook_outbox WHERE service_id = $1 AND delivered_at IS NULL LIMIT $2 + 1) AS first) AS counted
            """, connection);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = BacklogExactUpTo });
        return await command.ExecuteScalarAsync(cancellationToken) is long backlog ? backlog : 0;
    }

    /// <summary>The settings from a row of <see cref="SettingsColumns"/>, from the reader's first column on.</summary>
    internal static ApplicationSettings ReadSettings(NpgsqlDataReader reader) => new(
        !reader.IsDBNull(0) && Uri.TryCreate(reader.GetString(0), UriKind.Absolute, out var url) ? url : null,
        reader.GetBoolean(1),
        reader.GetBoolean(2),
        reader.GetBoolean(3),
        reader.GetBoolean(4),
        reader.GetInt32(5),
        reader.GetInt32(6),
        reader.GetInt32(7),
        reader.GetInt32(8),
        reader.GetInt32(9));

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
