using Multiconnect.Tests.Integration.Infrastructure;
using Npgsql;

namespace Multiconnect.Tests.Integration;

/// <summary>The private PostgreSQL that ./mc and the tests start: no connection without its password, over TCP or its socket.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PrivatePostgresTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_private_server_refuses_a_wrong_password_on_loopback_and_on_its_socket_and_takes_its_own()
    {
        foreach (var host in new[] { "127.0.0.1", postgres.Server.SocketDirectory })
        {
            await using var intruder = NpgsqlDataSource.Create($"Host={host};Port={postgres.Server.Port};Username=postgres;Password=guess;Database=postgres;Pooling=false");
            var refused = await Assert.ThrowsAsync<PostgresException>(async () => await intruder.OpenConnectionAsync());
            Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
        }

        await using var owner = NpgsqlDataSource.Create(postgres.Server.ConnectionString("postgres"));
        await using var command = owner.CreateCommand("SELECT current_setting('password_encryption')");
        Assert.Equal("scram-sha-256", await command.ExecuteScalarAsync());
    }
}
