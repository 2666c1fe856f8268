using System.Globalization;

namespace Multiconnect.Harness;

/// <summary>
/// Which message types a load sends, by weight: <c>text=80,template=15,image=5</c>. Every body carries the
/// recipient's sequence as <c>seq=N</c> in its first text (the text's body, a template's first parameter,
/// a caption, a location's name…), where the WhatsApp servers read it to judge order
/// (MessageSequence), so a mixed load is audited for loss and order like a text-only one.
/// </summary>
public sealed class MessageMix
{
    public static readonly IReadOnlyList<string> Types =
        ["text", "template", "hsm", "image", "audio", "video", "document", "sticker", "location", "contacts", "interactive"];

    public static MessageMix TextOnly { get; } = new([("text", 1)]);

    private readonly (string Type, int Weight)[] _weights;
    private readonly int _total;

    private MessageMix((string Type, int Weight)[] weights) => (_weights, _total) = (weights, weights.Sum(w => w.Weight));

    /// <summary>"type=weight,…", each type once and known, weights whole and positive; null and a reason otherwise.</summary>
    public static MessageMix? Parse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var weights = new List<(string, int)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !Types.Contains(pair[0]) || weights.Any(w => w.Item1 == pair[0])
                || !int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight is < 1 or > 1000)
            {
                problem = $"'{part}' is not type=weight with a weight from 1 to 1000 and a type, given once, among {string.Join(", ", Types)}";
                return null;
            }

            weights.Add((pair[0], weight));
        }

        problem = null;
        return new MessageMix([.. weights]);
    }

    /// <summary>The JSON body of message <paramref name="seq"/> to <paramref name="to"/>, of a type drawn by weight.</summary>
    public string Body(string to, long seq)
    {
        var draw = _weights.Length == 1 ? 0 : Random.Shared.Next(_total);
        var type = _weights[^1].Type;
        foreach (var (candidate, weight) in _weights)
        {
            if (draw < weight)
            {
                type = candidate;
                break;
            }

            draw -= weight;
        }

        return $$"""{"to":"{{to}}","type":"{{type}}","{{type}}":{{Content(type, seq)}}}""";
    }

    private static string Content(string type, long seq) => type switch
    {
        "text" => $$"""{"body":"seq={{seq}} hello"}""",
        "template" => $$"""{"name":"load_test","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"seq={{seq}}"}]}]}""",
        "hsm" => $$"""{"namespace":"load","element_name":"load_test","language":{"policy":"deterministic","code":"en"},"localizable_params":[{"default":"seq={{seq}}"}]}""",
        "image" or "video" => $$"""{"link":"https://example.com/load.{{(type == "image" ? "jpg" : "mp4")}}","caption":"seq={{seq}} hello"}""",
        "document" => $$"""{"link":"https://example.com/load.pdf","caption":"seq={{seq}} hello","filename":"load.pdf"}""",
        "audio" or "sticker" => $$"""{"link":"https://example.com/load.{{(type == "audio" ? "ogg" : "webp")}}?seq={{seq}}"}""",
        "location" => $$"""{"name":"seq={{seq}} office","latitude":37.48,"longitude":-122.15}""",
        "contacts" => $$"""[{"name":{"formatted_name":"seq={{seq}} Jo Smith"},"phones":[{"phone":"+1 650 555 1234","type":"WORK"}]}]""",
        _ => $$$"""{"type":"button","body":{"text":"seq={{{seq}}} pick one"},"action":{"buttons":[{"type":"reply","reply":{"id":"yes","title":"Yes"}},{"type":"reply","reply":{"id":"no","title":"No"}}]}}""",
    };
}
