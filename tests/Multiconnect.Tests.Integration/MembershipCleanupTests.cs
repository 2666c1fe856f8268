using Multiconnect.Tests.Integration.Infrastructure;
using Npgsql;

namespace Multiconnect.Tests.Integration;

/// <summary>Our membership table's cleanup query, as Orleans runs it (CleanupDefunctSiloEntriesKey from OrleansQuery).</summary>
[Collection(PostgresCollection.Name)]
public sealed class MembershipCleanupTests(PostgresFixture postgres)
{
    /// <summary>Orleans' SiloStatus: Created, Joining, Active, ShuttingDown, Stopping, Dead.</summary>
    private static readonly int[] Statuses = [1, 2, 3, 4, 5, 6];

    [Fact]
    public async Task The_defunct_silo_cleanup_removes_every_old_row_that_is_not_Active_and_keeps_recent_ones()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var now = DateTimeOffset.UtcNow;
        await Execute(cluster, "INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES ('c'), ('other')");
        var generation = 0;
        foreach (var (deployment, status, aliveAt) in Statuses.SelectMany(status => new[]
        {
            ("c", status, now.AddDays(-8)), ("c", status, now.AddMinutes(-1)), ("other", status, now.AddDays(-8)),
        }))
        {
            await Execute(cluster, """
                INSERT INTO OrleansMembershipTable (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, StartTime, IAmAliveTime)
                VALUES (@deployment, '10.0.0.1', 11111, @generation, @name, 'host', @status, @aliveAt, @aliveAt)
                """, ("deployment", deployment), ("generation", ++generation), ("name", $"{deployment}-{status}-{aliveAt:HHmm}"), ("status", status), ("aliveAt", aliveAt));
        }

        var cleanup = await cluster.ScalarAsync<string>("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'CleanupDefunctSiloEntriesKey'");
        await Execute(cluster, cleanup, ("DeploymentId", "c"), ("IAmAliveTime", now.AddDays(-7)));

        var left = await Rows(cluster);
        Assert.Equal(6, left.Count(row => row.Deployment == "c" && row.AliveAt > now.AddDays(-1))); // every recent row, whatever its status
        Assert.Equal([3], left.Where(row => row.Deployment == "c" && row.AliveAt < now.AddDays(-7)).Select(row => row.Status)); // of the old ones, only the Active
        Assert.Equal(6, left.Count(row => row.Deployment == "other")); // another cluster's rows are not this cluster's to clean
    }

    private static async Task Execute(LocalCluster cluster, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = cluster.Database.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, value));
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<(string Deployment, int Status, DateTimeOffset AliveAt)>> Rows(LocalCluster cluster)
    {
        await using var command = cluster.Database.CreateCommand("SELECT DeploymentId, Status, IAmAliveTime FROM OrleansMembershipTable");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, int, DateTimeOffset)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return rows;
    }
}
