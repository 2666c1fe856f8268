using System.Text.RegularExpressions;
using Multiconnect.Harness;

namespace Multiconnect.Tests.Unit.Persistence;

/// <summary>
/// One owner per table (docs/data.md), checked against the source: SQL only in Multiconnect.Persistence,
/// each of our tables written by one store, and read elsewhere only where docs/data.md says so.
/// </summary>
public sealed partial class TableOwnershipTests
{
    private static readonly string Src = Path.Combine(RepositoryPaths.Root, "src");

    /// <summary>The test tooling reads tables and PostgreSQL's views to judge a running cluster; it is not the product.</summary>
    private static readonly string[] Tooling = ["Multiconnect.Harness", "Multiconnect.Cli"];

    [Fact]
    public void No_project_but_Persistence_holds_SQL()
    {
        var offenders = SourceFiles()
            .Where(file => Project(file) is not "Multiconnect.Persistence" && !Tooling.Contains(Project(file)))
            .Where(file => Sql().IsMatch(Code(file)))
            .Select(file => Path.GetRelativePath(RepositoryPaths.Root, file))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Each_table_has_the_one_owner_and_the_readers_that_docs_data_md_names()
    {
        var documented = DocumentedTables();
        var tables = OurTables();
        Assert.Equal(tables.Order(), documented.Keys.Order());

        var stores = SourceFiles()
            .Where(file => Project(file) is "Multiconnect.Persistence")
            .GroupBy(Store)
            .ToDictionary(store => store.Key, store => string.Concat(store.Select(Code)));
        foreach (var table in tables)
        {
            var writers = stores.Where(store => Writes(table).IsMatch(store.Value)).Select(store => store.Key).ToList();
            var readers = stores.Where(store => Reads(table).IsMatch(store.Value)).Select(store => store.Key).Except(writers).Order().ToList();

            Assert.True(writers.Count == 1, $"{table} is written by {writers.Count} stores: {string.Join(", ", writers)}");
            Assert.Equal(documented[table].Owner, writers[0]);
            Assert.Equal(documented[table].Readers, readers);
        }
    }

    [Fact]
    public void The_check_finds_sql_and_table_writes()
    {
        Assert.Matches(Sql(), "dataSource.CreateCommand(\"SELECT shard_id FROM messages_in WHERE id = $1\")");
        Assert.Matches(Sql(), "\"UPDATE messages_in SET read_at = now()\"");
        Assert.DoesNotMatch(Sql(), "var selected = shards.Select(s => s.Id); // from the map");
        Assert.Matches(Writes("application_settings"), "INSERT INTO application_settings AS s (service_id)");
        Assert.Matches(Writes("messages_out"), "DELETE FROM messages_out WHERE seq = ANY($1)");
        Assert.DoesNotMatch(Writes("messages_out"), "SELECT 1 FROM messages_out WHERE service_id = $1");
        Assert.Matches(Reads("shard_maps"), "SELECT generation FROM shard_maps WHERE service_id = $1 FOR SHARE");
        // A table whose name begins another's is told apart: media's chunks are not media.
        Assert.Matches(Writes("media_chunks"), "INSERT INTO media_chunks (media_id, seq, data) VALUES ($1, $2, $3)");
        Assert.DoesNotMatch(Writes("media"), "INSERT INTO media_chunks (media_id, seq, data) VALUES ($1, $2, $3)");
        Assert.DoesNotMatch(Reads("media"), "SELECT data FROM media_chunks WHERE media_id = $1");
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Project(string file) => Path.GetRelativePath(Src, file).Split(Path.DirectorySeparatorChar)[0];

    /// <summary>The type a file belongs to: PostgresCallbackStore.Settings.cs is part of PostgresCallbackStore.</summary>
    private static string Store(string file) => Path.GetFileName(file).Split('.')[0];

    /// <summary>The file without its comments, which may name tables and statements.</summary>
    private static string Code(string file) =>
        string.Join('\n', File.ReadLines(file).Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));

    /// <summary>Our tables, from the migrations; Orleans' own tables are its providers'.</summary>
    private static List<string> OurTables() =>
        Directory.EnumerateFiles(Path.Combine(Src, "Multiconnect.Persistence", "Migrations"), "*.sql")
            .SelectMany(file => CreateTable().Matches(File.ReadAllText(file)).Select(match => match.Groups[1].Value))
            .Where(table => !table.StartsWith("Orleans", StringComparison.Ordinal))
            .ToList();

    /// <summary>The rows of docs/data.md's table: `table` | `Owner` | `Reader`, `Reader` | what it holds.</summary>
    private static Dictionary<string, (string Owner, List<string> Readers)> DocumentedTables() =>
        File.ReadLines(Path.Combine(RepositoryPaths.Root, "docs", "data.md"))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length == 6 && cells[1].StartsWith('`'))
            .ToDictionary(
                cells => cells[1].Trim('`'),
                cells => (cells[2].Trim('`'), cells[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(reader => reader.Trim('`')).Order().ToList()));

    private static Regex Writes(string table) => new($@"\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+{table}\b", RegexOptions.IgnoreCase);

    private static Regex Reads(string table) => new($@"\b(FROM|JOIN)\s+{table}\b", RegexOptions.IgnoreCase);

    [GeneratedRegex(@"\b(INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|SELECT\s[^;]*?\bFROM\s+\w+\s+WHERE)\b|CreateCommand\(|NpgsqlCommand\(|NpgsqlBatchCommand\(")]
    private static partial Regex Sql();

    [GeneratedRegex(@"CREATE TABLE (\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();
}
