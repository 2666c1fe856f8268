using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// The README's curl session, run as it stands against the cluster its first line starts (`./mc up`
/// with 1 shard and 2 gateways): login, the shard count read on one gateway, changed, read on the
/// other, a count outside the set, no token, malformed JSON, a message, a user who is refused the shards
/// and whose token the other gateway refuses once it logged out. Its output must be what the
/// README shows under each command, so the README cannot drift from the API.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReadmeSessionTests : IAsyncLifetime
{
    private const string Heading = "### The API by hand";

    private readonly string _home = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"mc-home-{Guid.NewGuid():N}")).FullName;
    private readonly string _bin = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"mc-bin-{Guid.NewGuid():N}")).FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await NodeProcess.RunToEndAsync("Multiconnect.Cli", new Dictionary<string, string?> { ["MULTICONNECT_HOME"] = _home }, TimeSpan.FromMinutes(1), "down");
        Directory.Delete(_home, recursive: true);
        Directory.Delete(_bin, recursive: true);
    }

    [Fact]
    public async Task The_readme_curl_session_prints_what_the_readme_says()
    {
        var script = Session(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "README.md")));
        var expected = script.Where(line => line.StartsWith("# ", StringComparison.Ordinal)).Select(line => line[2..]).ToList();
        Assert.True(expected.Count >= 8, $"the session under '{Heading}' shows {expected.Count} outputs");

        // ./mc as the README calls it, from the build under test; `up` gets free ports (the README's are
        // 8080 and 8081), and what up and down print goes to stderr, since only the API's answers are compared.
        var port = FreePort.NextRun(2);
        var cli = RepositoryPaths.ProgramDll("Multiconnect.Cli");
        var mc = Path.Combine(_bin, "mc");
        await File.WriteAllTextAsync(mc, $"""
            #!/bin/sh
            case "$1" in
              up) exec dotnet '{cli}' "$@" --port {port} >&2 ;;
              down) exec dotnet '{cli}' "$@" >&2 ;;
              *) exec dotnet '{cli}' "$@" ;;
            esac
            """);
        File.SetUnixFileMode(mc, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var session = Path.Combine(_bin, "session.sh");
        await File.WriteAllLinesAsync(session, script);

        var (exitCode, output, error) = await ProcessRun.ToEndAsync(
            new ProcessStartInfo("bash", ["-euo", "pipefail", session]) { WorkingDirectory = _bin, Environment = { ["MULTICONNECT_HOME"] = _home } },
            TimeSpan.FromMinutes(4));

        Assert.True(exitCode == 0, $"the session failed ({exitCode}):\n{output}\n{error}");
        var printed = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(expected.Count == printed.Length, $"expected {expected.Count} lines, got {printed.Length}:\n{output}\n{error}");
        foreach (var (shown, actual) in expected.Zip(printed))
        {
            Assert.Matches(Pattern(shown), actual);
        }
    }

    /// <summary>The first bash block under the heading.</summary>
    private static List<string> Session(string readme)
    {
        var lines = readme[readme.IndexOf(Heading, StringComparison.Ordinal)..].Split('\n');
        return [.. lines.SkipWhile(l => l != "```bash").Skip(1).TakeWhile(l => l != "```")];
    }

    /// <summary>What the README shows, literally, but "…" stands for anything.</summary>
    private static Regex Pattern(string shown) =>
        new("^" + string.Join(".*", shown.Split('…').Select(Regex.Escape)) + "$", RegexOptions.None, TimeSpan.FromSeconds(1));
}
