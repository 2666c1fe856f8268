using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Multiconnect.Harness;

/// <summary>
/// Which message types a load sends, by weight: <c>text=80,template=15,image=5</c>. Every body carries the
/// recipient's sequence as <c>seq=N</c> in its first text (the text's body, a template's first parameter,
/// a caption, a location's name…), where the WhatsApp servers read it to judge order
/// (MessageSequence), so a mixed load is audited for loss and order like a text-only one. Once
/// <see cref="UploadAsync"/> has put a file of each kind that carries a caption (image, video, document)
/// through the gateway, every other message of those kinds names it by id, so a shard puts it on the
/// servers; the rest name a link.
/// </summary>
public sealed class MessageMix
{
    public static readonly IReadOnlyList<string> Types =
        ["text", "template", "hsm", "image", "audio", "video", "document", "sticker", "location", "contacts", "interactive"];

    public static MessageMix TextOnly { get; } = new([("text", 1)]);

    /// <summary>The kinds sent by id once uploaded, and the file's MIME type.</summary>
    private static readonly (string Type, string ContentType)[] Uploaded =
        [("image", "image/jpeg"), ("video", "video/mp4"), ("document", "application/pdf")];

    private readonly (string Type, int Weight)[] _weights;
    private readonly int _total;
    private readonly IReadOnlyDictionary<string, string> _mediaIds;

    private MessageMix((string Type, int Weight)[] weights, IReadOnlyDictionary<string, string>? mediaIds = null) =>
        (_weights, _total, _mediaIds) = (weights, weights.Sum(w => w.Weight), mediaIds ?? new Dictionary<string, string>());

    /// <summary>
    /// This mix with a small file of each kind in it that carries a caption uploaded through the gateway
    /// (<c>POST /v1/media</c>, with <paramref name="http"/>'s token), so that every other message of those kinds names it by id.
    /// </summary>
    public async Task<MessageMix> UploadAsync(HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (type, contentType) in Uploaded.Where(u => _weights.Any(w => w.Type == u.Type)))
        {
            using var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"load test {type}"));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            using var response = await http.PostAsync("/v1/media", content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST /v1/media ({contentType}) answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            ids[type] = answer.GetProperty("media")[0].GetProperty("id").GetString()!;
        }

        return ids.Count == 0 ? this : new MessageMix(_weights, ids);
    }

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

    private string Content(string type, long seq) => type switch
    {
        _ when seq % 2 == 0 && _mediaIds.TryGetValue(type, out var id) => type == "document"
            ? $$"""{"id":"{{id}}","caption":"seq={{seq}} hello","filename":"load.pdf"}"""
            : $$"""{"id":"{{id}}","caption":"seq={{seq}} hello"}""",
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
