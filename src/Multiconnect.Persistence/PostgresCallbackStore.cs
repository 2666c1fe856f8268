using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Multiconnect.Persistence;

/// <summary>
/// The one owner of the tables behind the webhook, for one cluster service: webhook_outbox (the
/// callbacks), messages_in (users' messages, each written with its callback by one statement) and
/// application_settings (where callbacks go, read with the callbacks in one snapshot). They are one
/// store because their statements join them. By concern:
/// <list type="bullet">
/// <item>here, what the shards record: statuses and inbound messages, as callbacks in the shape the
/// original sends them (timestamps are Unix seconds as strings; a user's message as <see cref="InboundPayload"/> builds it);</item>
/// <item><c>.Settings</c>: the application settings and the backlog, for the gateway;</item>
/// <item><c>.Inbound</c>: the shard of an inbound message and its read mark, for the gateway;</item>
/// <item><c>.Dispatch</c>: the webhook dispatcher's queries;</item>
/// <item><c>.Retention</c>: the pruner's deletes.</item>
/// </list>
/// The dispatcher's and the pruner's statements run on a connection the caller holds (the dispatcher
/// role's); the others on the process's pool.
/// </summary>
public sealed partial class PostgresCallbackStore(NpgsqlDataSource dataSource, string serviceId) : ICallbackStore, IWebhookStore, IInboundMessages
{
    /// <summary>
    /// Records the statuses whose kind the application settings switch on now (webhooks.message.sent,
    /// .delivered, .read; failed ones always), read in the same statement: one switched off is never
    /// written, so it costs neither a row nor the dispatcher's and the pruner's work on it later.
    /// </summary>
    public async Task RecordStatusesAsync(IReadOnlyList<StatusUpdate> statuses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO webhook_outbox (service_id, conversation, kind, status, payload)
            SELECT $1, s.conversation, 'status', s.status, s.payload
              FROM unnest($2::text[], $3::text[], $4::jsonb[]) WITH ORDINALITY AS s(conversation, status, payload, position)
              LEFT JOIN application_settings AS settings ON settings.service_id = $1
             WHERE CASE s.status WHEN 'sent' THEN coalesce(settings.sent_status, $5)
                                 WHEN 'delivered' THEN coalesce(settings.delivered_status, $6)
                                 WHEN 'read' THEN coalesce(settings.read_status, $7)
                                 ELSE true END
             ORDER BY s.position
            """);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = statuses.Select(s => s.Recipient).ToArray() });
        command.Parameters.Add(new() { Value = statuses.Select(s => s.Status).ToArray() });
        command.Parameters.Add(new() { Value = StatusPayloads(statuses), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = ApplicationSettings.Default.SentStatus });
        command.Parameters.Add(new() { Value = ApplicationSettings.Default.DeliveredStatus });
        command.Parameters.Add(new() { Value = ApplicationSettings.Default.ReadStatus });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RecordInboundAsync(int shardId, InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var command = dataSource.CreateCommand("""
            WITH stored AS (
                INSERT INTO messages_in (id, service_id, shard_id, sender, body, sent_at, type, profile_name)
                VALUES ($1, $2, $3, $4, $5, to_timestamp($6 / 1000.0), $8, $9)
                ON CONFLICT (id) DO NOTHING
                RETURNING id)
            INSERT INTO webhook_outbox (service_id, conversation, kind, payload)
            SELECT $2, $4, 'message', $7 FROM stored
            """);
        command.Parameters.Add(new() { Value = message.Id });
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = shardId });
        command.Parameters.Add(new() { Value = message.From });
        command.Parameters.Add(new() { Value = message.Body });
        command.Parameters.Add(new() { Value = message.TimestampMs });
        command.Parameters.Add(new() { Value = InboundPayload.Build(message), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = message.Type });
        command.Parameters.Add(new() { Value = (object?)message.Name ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The statuses' callbacks, one JSON document each, written straight to UTF-8 (one buffer for the batch).</summary>
    private static string[] StatusPayloads(IReadOnlyList<StatusUpdate> statuses)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using var json = new Utf8JsonWriter(buffer);
        var payloads = new string[statuses.Count];
        for (var i = 0; i < payloads.Length; i++)
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            WriteStatus(json, statuses[i]);
            json.Flush();
            payloads[i] = Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        return payloads;
    }

    private static void WriteStatus(Utf8JsonWriter json, StatusUpdate status)
    {
        json.WriteStartObject();
        json.WriteStartArray("statuses");
        json.WriteStartObject();
        json.WriteString("id", status.MessageId);
        json.WriteString("recipient_id", status.Recipient);
        json.WriteString("status", status.Status);
        json.WriteString("timestamp", Seconds(status.TimestampMs));
        if (status.Conversation is { } conversation)
        {
            json.WriteStartObject("conversation");
            json.WriteString("id", conversation.Id);
            json.WriteString("expiration_timestamp", conversation.ExpiresAt.ToString(CultureInfo.InvariantCulture));
            json.WriteStartObject("origin");
            json.WriteString("type", conversation.Origin);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("pricing");
            json.WriteBoolean("billable", conversation.Billable);
            json.WriteString("pricing_model", conversation.PricingModel);
            json.WriteString("category", conversation.Category);
            json.WriteEndObject();
        }

        if (status.Error is { } error)
        {
            json.WriteStartArray("errors");
            json.WriteStartObject();
            json.WriteNumber("code", error.Code);
            json.WriteString("title", error.Title);
            json.WriteString("details", error.Details);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Seconds(long unixMs) => (unixMs / 1000).ToString(CultureInfo.InvariantCulture);
}
