using System.Globalization;
using System.Text.RegularExpressions;

namespace Multiconnect.Testing;

/// <summary>The samples of a Prometheus text exposition, as a scraper reads them: name, labels, value.</summary>
public sealed partial class PrometheusScrape
{
    private PrometheusScrape(string text, IReadOnlyList<Sample> samples) => (Text, Samples) = (text, samples);

    public string Text { get; }

    public IReadOnlyList<Sample> Samples { get; }

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static async Task<PrometheusScrape> GetAsync(HttpClient http, string path = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public static PrometheusScrape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            if (!match.Success)
            {
                throw new FormatException($"Not a Prometheus sample line: {line}");
            }

            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["name"].Value, m => Regex.Unescape(m.Groups["value"].Value));
            samples.Add(new Sample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }

        return new PrometheusScrape(text, samples);
    }

    /// <summary>The samples of <paramref name="name"/> whose labels include <paramref name="labels"/>.</summary>
    public IReadOnlyList<Sample> Of(string name, params (string Name, string Value)[] labels) =>
        [.. Samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Name) == l.Value))];

    /// <summary>The sum of those samples; throws (showing the scrape) when there is none.</summary>
    public double Value(string name, params (string Name, string Value)[] labels)
    {
        var samples = Of(name, labels);
        return samples.Count > 0
            ? samples.Sum(s => s.Value)
            : throw new KeyNotFoundException($"No sample {name} {string.Join(',', labels)} in the scrape:\n{Text}");
    }

    public bool Has(string name) => Samples.Any(s => s.Name == name);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<name>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(\\.|[^"\\])*)",?""")]
    private static partial Regex LabelPair();
}
