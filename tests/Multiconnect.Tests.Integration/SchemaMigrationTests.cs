using Multiconnect.Tests.Integration.Infrastructure;
using Multiconnect.Testing;

namespace Multiconnect.Tests.Integration;

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigrationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Migrate_commands_started_together_apply_each_script_exactly_once()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server, migrate: false);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => cluster.MigrateAsync()));

        Assert.All(results, exitCode => Assert.Equal(0, exitCode));
        Assert.Equal(MigrationScripts, await cluster.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(13L, await cluster.ScalarAsync<long>("SELECT count(*) FROM OrleansQuery"));
    }

    [Fact]
    public async Task Migrating_an_up_to_date_database_changes_nothing()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var before = await cluster.ScalarAsync<string>("SELECT string_agg(scriptname || applied::text, ',' ORDER BY scriptname) FROM schema_migrations");

        await cluster.MigrateAsync();

        Assert.Equal(before, await cluster.ScalarAsync<string>("SELECT string_agg(scriptname || applied::text, ',' ORDER BY scriptname) FROM schema_migrations"));
    }

    [Fact]
    public async Task CoreApps_asked_to_migrate_at_start_up_can_start_together_on_an_empty_database()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server, migrate: false);
        var migrateAtStartup = new Dictionary<string, string?> { ["Multiconnect__Postgres__MigrateAtStartup"] = "true" };

        await Task.WhenAll(
            cluster.StartCoreAppAsync("coreapp-a", settings: migrateAtStartup),
            cluster.StartCoreAppAsync("coreapp-b", settings: migrateAtStartup));

        Assert.Equal(MigrationScripts, await cluster.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal([("coreapp-a", 3), ("coreapp-b", 3)], await cluster.MembershipAsync());
    }

    private static long MigrationScripts =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src", "Multiconnect.Persistence", "Migrations"), "*.sql").Length;
}
