namespace Multiconnect.Persistence;

/// <summary>The gateway's reads and marks of users' messages (messages_in).</summary>
public sealed partial class PostgresCallbackStore
{
    public async Task<int?> ShardOfAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT shard_id FROM messages_in WHERE id = $1 AND service_id = $2");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = serviceId });
        return await command.ExecuteScalarAsync(cancellationToken) as int?;
    }

    public async Task MarkedReadAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE messages_in SET read_at = now() WHERE id = $1 AND service_id = $2");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = serviceId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
