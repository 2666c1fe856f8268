using Microsoft.Extensions.Logging;
using Multiconnect.Persistence;
using Multiconnect.Tests.Integration.Infrastructure;
using Npgsql;

namespace Multiconnect.Tests.Integration;

/// <summary>The dispatcher role's advisory lock, against a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DispatcherRoleTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_refused_take_does_not_touch_its_connection_after_handing_it_back_to_the_pool()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        await using var holder = await DispatcherRole.TryTakeAsync(cluster.Database, "test", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.NotNull(holder);

        // A pool of one connection, whose next user (a shard's query, in a CoreApp) takes it the moment the
        // refused take hands it back, and is in the middle of reading its rows when the take returns.
        var nextUser = new NextUser();
        var builder = new NpgsqlDataSourceBuilder(cluster.ConnectionString) { ConnectionStringBuilder = { MaxPoolSize = 1 } };
        builder.UseLoggerFactory(nextUser);
        await using var pool = builder.Build();
        nextUser.Pool = pool;

        nextUser.Armed = true;
        Assert.Null(await DispatcherRole.TryTakeAsync(pool, "test", TimeSpan.FromMinutes(1), CancellationToken.None));

        var reader = Assert.IsType<NpgsqlDataReader>(nextUser.Reader);
        var rows = new List<int>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetInt32(0));
        }

        Assert.Equal([1, 2, 3], rows);
        await reader.DisposeAsync();
        await nextUser.Connection!.DisposeAsync();
    }

    /// <summary>Npgsql's log, used as a hook: when a connection goes back to the pool, the next user opens it and starts reading.</summary>
    private sealed class NextUser : ILoggerFactory, ILogger
    {
        public NpgsqlDataSource? Pool { get; set; }

        public bool Armed { get; set; }

        public NpgsqlConnection? Connection { get; private set; }

        public NpgsqlDataReader? Reader { get; private set; }

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id != NpgsqlEventId.ClosedConnection || !Armed)
            {
                return;
            }

            Armed = false;
            Connection = Pool!.OpenConnection();
            using var command = new NpgsqlCommand("SELECT generate_series(1, 3)", Connection);
            Reader = command.ExecuteReader();
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }
}
