using System.Text.Json;
using System.Text.RegularExpressions;

namespace Multiconnect.Tests.Deploy.Infrastructure;

/// <summary>A Dockerfile read as its instructions (continuations joined, comments dropped).</summary>
public sealed partial class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<(string Instruction, string Arguments)> instructions)
    {
        Path = path;
        Instructions = instructions;
    }

    public string Path { get; }

    public IReadOnlyList<(string Instruction, string Arguments)> Instructions { get; }

    /// <summary>The instructions of the last stage: what the image is.</summary>
    public IReadOnlyList<(string Instruction, string Arguments)> FinalStage =>
        [.. Instructions.Skip(Instructions.Select((i, index) => (i, index)).Last(x => x.i.Instruction == "FROM").index)];

    /// <summary>The build arguments declared before the first FROM, with their defaults (null: none): what FROM lines may use.</summary>
    public IReadOnlyDictionary<string, string?> GlobalArguments =>
        Instructions.TakeWhile(i => i.Instruction != "FROM")
            .Where(i => i.Instruction == "ARG")
            .Select(i => i.Arguments.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : null, StringComparer.Ordinal);

    /// <summary>The image or stage the final stage starts FROM, with the build arguments at their defaults.</summary>
    public string FinalBase => WithDefaults(FinalStage[0].Arguments.Split(' ')[0]);

    /// <summary>The instructions of the stage named <paramref name="name"/> (FROM … AS name), its FROM first.</summary>
    public IReadOnlyList<(string Instruction, string Arguments)> Stage(string name)
    {
        var start = Instructions.Select((i, index) => (i, index))
            .Single(x => x.i.Instruction == "FROM" && x.i.Arguments.EndsWith(" AS " + name, StringComparison.OrdinalIgnoreCase)).index;
        return [Instructions[start], .. Instructions.Skip(start + 1).TakeWhile(i => i.Instruction != "FROM")];
    }

    /// <summary><paramref name="value"/> with ${NAME} replaced by the default of the global build argument NAME.</summary>
    public string WithDefaults(string value) =>
        BuildArgument().Replace(value, match => GlobalArguments.TryGetValue(match.Groups[1].Value, out var fallback) && fallback is not null
            ? fallback
            : throw new InvalidOperationException($"{Path}: ${{{match.Groups[1].Value}}} has no default"));

    public static IReadOnlyList<Dockerfile> All() =>
        [.. Directory.GetFiles(System.IO.Path.Combine(RepositoryPaths.Root, "deploy", "docker"), "*.Dockerfile").Order(StringComparer.Ordinal).Select(Read)];

    public static Dockerfile Read(string path)
    {
        var instructions = new List<(string, string)>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var whole = (pending + line).Trim();
            pending = "";
            if (whole.Length == 0)
            {
                continue;
            }

            var space = whole.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add((whole[..space].ToUpperInvariant(), whole[(space + 1)..].Trim()));
        }

        return new Dockerfile(path, instructions);
    }

    public IEnumerable<string> Arguments(string instruction, bool finalStageOnly = false) =>
        (finalStageOnly ? FinalStage : Instructions).Where(i => i.Instruction == instruction).Select(i => i.Arguments);

    /// <summary>ENV of the final stage: the image's defaults, which the manifests' env overrides.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        Arguments("ENV", finalStageOnly: true)
            .SelectMany(arguments => Whitespace().Split(arguments))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    public IReadOnlySet<int> ExposedPorts =>
        Arguments("EXPOSE", finalStageOnly: true)
            .SelectMany(arguments => Whitespace().Split(arguments))
            .Select(port => int.Parse(port.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();

    /// <summary>An exec-form (JSON array) argument, such as ENTRYPOINT's or HEALTHCHECK's CMD; null when it is in shell form.</summary>
    public static IReadOnlyList<string>? ExecForm(string arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = arguments.IndexOf('[', StringComparison.Ordinal);
        return start < 0 ? null : JsonSerializer.Deserialize<string[]>(arguments[start..]);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex BuildArgument();
}
