using Npgsql;

namespace Multiconnect.Persistence;

/// <summary>Tokens in the api_tokens table, shared by all gateway replicas. Expired rows go when a new token is saved.</summary>
public sealed class PostgresApiTokenStore(NpgsqlDataSource dataSource) : IApiTokenStore
{
    public async Task SaveAsync(ApiToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM api_tokens WHERE expires_at < $1") { Parameters = { new() { Value = token.IssuedAt } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "INSERT INTO api_tokens (token_hash, user_name, issued_at, expires_at) VALUES ($1, $2, $3, $4)")
        {
            Parameters = { new() { Value = token.Hash }, new() { Value = token.UserName }, new() { Value = token.IssuedAt }, new() { Value = token.ExpiresAt } },
        });
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ApiToken?> FindAsync(byte[] hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT user_name, issued_at, expires_at FROM api_tokens WHERE token_hash = $1 AND expires_at > $2");
        command.Parameters.Add(new() { Value = hash });
        command.Parameters.Add(new() { Value = now });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ApiToken(hash, reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2))
            : null;
    }
}
