using Multiconnect.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace Multiconnect.Gateway.Webhooks;

/// <summary>
/// The application_settings row of this cluster's service (absent: the defaults, no URL and no sent
/// statuses), and the undelivered rows of its webhook_outbox.
/// </summary>
public sealed class PostgresWebhookStore(NpgsqlDataSource dataSource, string serviceId) : IWebhookStore
{
    public async Task<ApplicationSettings> GetSettingsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT webhook_url, sent_status FROM application_settings WHERE service_id = $1");
        command.Parameters.Add(new() { Value = serviceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : ApplicationSettings.Default;
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
        return Read(reader);
    }

    /// <summary>Exact up to 10,000 waiting callbacks, an upper bound beyond, never a count of the whole backlog (<see cref="WebhookBacklog"/>).</summary>
    public async Task<long> EstimateBacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await WebhookBacklog.EstimateAsync(connection, serviceId, cancellationToken);
    }

    private static ApplicationSettings Read(NpgsqlDataReader reader) => new(
        !reader.IsDBNull(0) && Uri.TryCreate(reader.GetString(0), UriKind.Absolute, out var url) ? url : null,
        reader.GetBoolean(1));
}
