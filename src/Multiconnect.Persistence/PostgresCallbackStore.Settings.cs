using Npgsql;
using NpgsqlTypes;

namespace Multiconnect.Persistence;

/// <summary>
/// The application_settings row of this service (absent: the defaults, no URL and no sent statuses),
/// and how many callbacks wait.
/// </summary>
public sealed partial class PostgresCallbackStore
{
    /// <summary>Exact up to this many waiting callbacks; see <see cref="EstimateBacklogAsync(NpgsqlConnection, CancellationToken)"/>.</summary>
    public const int BacklogExactUpTo = 10_000;

    public async Task<ApplicationSettings> GetSettingsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT webhook_url, sent_status FROM application_settings WHERE service_id = $1");
        command.Parameters.Add(new() { Value = serviceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadSettings(reader) : ApplicationSettings.Default;
    }

    public async Task<ApplicationSettings> UpdateSettingsAsync(ApplicationSettingsPatch patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        // One statement: the row is created with the defaults or updated, only the fields the patch names change.
        await using var command = dataSource.CreateCommand("""
            INSERT INTO application_settings AS s (service_id, webhook_url, sent_status, updated_at)
            VALUES ($1, $3, COALESCE($4, false), now())
            ON CONFLICT (service_id) DO UPDATE
               SET webhook_url = CASE WHEN $2 THEN EXCLUDED.webhook_url ELSE s.webhook_url END,
                   sent_status = COALESCE($4, s.sent_status),
                   updated_at = EXCLUDED.updated_at
            RETURNING webhook_url, sent_status
            """);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = patch.SetsWebhookUrl });
        command.Parameters.Add(new() { Value = (object?)patch.WebhookUrl?.OriginalString ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)patch.SentStatus ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Boolean });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadSettings(reader);
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

    private static ApplicationSettings ReadSettings(NpgsqlDataReader reader) => new(
        !reader.IsDBNull(0) && Uri.TryCreate(reader.GetString(0), UriKind.Absolute, out var url) ? url : null,
        reader.GetBoolean(1));
}
