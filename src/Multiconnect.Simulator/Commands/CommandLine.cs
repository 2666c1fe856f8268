namespace Multiconnect.Simulator.Commands;

/// <summary>The `--name value` arguments of a command.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _values;

    private CommandLine(Dictionary<string, string> values) => _values = values;

    public static CommandLine? Parse(IReadOnlyList<string> args, IReadOnlySet<string> known, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(known);
        problem = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null || !known.Contains(name))
            {
                problem = $"unknown argument '{args[i]}'";
                return null;
            }

            if (i + 1 >= args.Count)
            {
                problem = $"--{name} needs a value";
                return null;
            }

            values[name] = args[i + 1];
        }

        return new CommandLine(values);
    }

    public string? this[string name] => _values.GetValueOrDefault(name);

    /// <summary>The whole number given for <paramref name="name"/>, <paramref name="fallback"/> when not given, -1 when not a number.</summary>
    public int Number(string name, int fallback) =>
        !_values.TryGetValue(name, out var text) ? fallback
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
        : -1;
}
