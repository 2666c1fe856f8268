using Npgsql;

namespace Multiconnect.Gateway.Inbound;

/// <summary>
/// Users' messages to the business, as the CoreApps stored them (messages_in) for this cluster's
/// service: which shard received one, so that its read mark goes upstream over that shard's session,
/// and the mark itself. In development mode (no PostgreSQL) they live inside the CoreApps, out of the
/// gateway's reach: none is found.
/// </summary>
public sealed class InboundMessages(NpgsqlDataSource? dataSource, string serviceId)
{
    /// <summary>The shard that received the message, or null when this service has no message with that id.</summary>
    public async Task<int?> ShardOfAsync(string id, CancellationToken cancellationToken)
    {
        if (dataSource is null)
        {
            return null;
        }

        await using var command = dataSource.CreateCommand("SELECT shard_id FROM messages_in WHERE id = $1 AND service_id = $2");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = serviceId });
        return await command.ExecuteScalarAsync(cancellationToken) as int?;
    }

    /// <summary>Records that the message was marked read upstream.</summary>
    public async Task MarkedReadAsync(string id, CancellationToken cancellationToken)
    {
        if (dataSource is null)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("UPDATE messages_in SET read_at = now() WHERE id = $1 AND service_id = $2");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = serviceId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
