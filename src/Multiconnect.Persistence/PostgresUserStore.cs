using Npgsql;
using NpgsqlTypes;

namespace Multiconnect.Persistence;

/// <summary>
/// The users and their bearer tokens (tables users and api_tokens), shared by all gateway replicas. One
/// store owns both because a password change or a deletion ends the user's tokens: a token is valid only
/// while its user's password still has the salt it was issued under, which the lookup checks in the same
/// statement, so no revocation depends on a cache or on statements that must not interleave. The rows of
/// tokens that can no longer be valid are deleted with the change; expired ones when a new token is saved.
/// </summary>
public sealed class PostgresUserStore(NpgsqlDataSource dataSource) : IUserStore, IApiTokenStore
{
    public async Task<StoredUser?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT password_salt, password_hash, password_iterations, created_at FROM users WHERE name = $1");
        command.Parameters.Add(new() { Value = name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredUser(
                name,
                new StoredPassword(reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<byte[]>(1), reader.GetInt32(2)),
                reader.GetFieldValue<DateTimeOffset>(3))
            : null;
    }

    public async Task<bool> CreateAsync(StoredUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var command = dataSource.CreateCommand(
            "INSERT INTO users (name, password_salt, password_hash, password_iterations, created_at, password_changed_at) " +
            "VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (name) DO NOTHING");
        command.Parameters.Add(new() { Value = user.Name });
        AddPassword(command.Parameters, user.Password);
        command.Parameters.Add(new() { Value = user.CreatedAt });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> SetPasswordAsync(string name, StoredPassword password, DateTimeOffset at, bool createIfMissing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        var change = createIfMissing
            ? "INSERT INTO users AS u (name, password_salt, password_hash, password_iterations, created_at, password_changed_at) " +
              "VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (name) DO UPDATE SET password_salt = EXCLUDED.password_salt, " +
              "password_hash = EXCLUDED.password_hash, password_iterations = EXCLUDED.password_iterations, password_changed_at = EXCLUDED.password_changed_at RETURNING u.name"
            : "UPDATE users SET password_salt = $2, password_hash = $3, password_iterations = $4, password_changed_at = $5 WHERE name = $1 RETURNING name";
        await using var command = dataSource.CreateCommand(
            $"WITH changed AS ({change}), ended AS (DELETE FROM api_tokens WHERE user_name IN (SELECT name FROM changed)) SELECT count(*) FROM changed");
        command.Parameters.Add(new() { Value = name });
        AddPassword(command.Parameters, password);
        command.Parameters.Add(new() { Value = at });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "WITH gone AS (DELETE FROM users WHERE name = $1 RETURNING name), " +
            "ended AS (DELETE FROM api_tokens WHERE user_name IN (SELECT name FROM gone)) SELECT count(*) FROM gone");
        command.Parameters.Add(new() { Value = name });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    public async Task SaveAsync(ApiToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM api_tokens WHERE expires_at < $1") { Parameters = { new() { Value = token.IssuedAt } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "INSERT INTO api_tokens (token_hash, user_name, issued_at, expires_at, password_salt) VALUES ($1, $2, $3, $4, $5)")
        {
            Parameters =
            {
                new() { Value = token.Hash }, new() { Value = token.UserName }, new() { Value = token.IssuedAt }, new() { Value = token.ExpiresAt },
                new() { Value = (object?)token.PasswordSalt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea },
            },
        });
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ApiToken>> FindValidAsync(IReadOnlyCollection<byte[]> hashes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        await using var command = dataSource.CreateCommand(
            "SELECT t.token_hash, t.user_name, t.issued_at, t.expires_at, t.password_salt FROM api_tokens t LEFT JOIN users u ON u.name = t.user_name " +
            "WHERE t.token_hash = ANY($1) AND t.expires_at > $2 AND u.password_salt IS NOT DISTINCT FROM t.password_salt");
        command.Parameters.Add(new() { Value = hashes.ToArray() });
        command.Parameters.Add(new() { Value = now });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<ApiToken>(hashes.Count);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new ApiToken(
                reader.GetFieldValue<byte[]>(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<byte[]>(4)));
        }

        return found;
    }

    public async Task<bool> RevokeAsync(byte[] hash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM api_tokens WHERE token_hash = $1");
        command.Parameters.Add(new() { Value = hash });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static void AddPassword(NpgsqlParameterCollection parameters, StoredPassword password)
    {
        parameters.Add(new() { Value = password.Salt });
        parameters.Add(new() { Value = password.Hash });
        parameters.Add(new() { Value = password.Iterations });
    }
}
