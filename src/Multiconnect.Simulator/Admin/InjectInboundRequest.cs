using System.Text.Json;
using Multiconnect.Contracts.Messaging;
using Multiconnect.Upstream;

namespace Multiconnect.Simulator.Admin;

/// <summary>
/// POST /admin/numbers/{number}/inbound: a simulated user writes to the business now (under <see cref="Name"/>,
/// when given), a message of <see cref="Type"/> (text when not given) with the type's object as the original's
/// webhook shows it: <c>{"from":"…","type":"image","image":{"caption":"…"}}</c>. A text may give its text as
/// <see cref="Body"/> or as <c>text.body</c>.
/// </summary>
public sealed record InjectInboundRequest(
    string? From,
    string? Body,
    string? Name = null,
    string? Type = null,
    JsonElement? Text = null,
    JsonElement? Image = null,
    JsonElement? Document = null,
    JsonElement? Audio = null,
    JsonElement? Video = null,
    JsonElement? Voice = null,
    JsonElement? Sticker = null,
    JsonElement? Location = null,
    JsonElement? Contacts = null,
    JsonElement? Button = null,
    JsonElement? Interactive = null)
{
    /// <summary>The type objects given, by type.</summary>
    public IReadOnlyDictionary<string, JsonElement> Objects()
    {
        var given = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (type, content) in new[]
        {
            (MessageTypes.Text, Text), (MessageTypes.Image, Image), (MessageTypes.Document, Document), (MessageTypes.Audio, Audio),
            (MessageTypes.Video, Video), (MessageTypes.Voice, Voice), (MessageTypes.Sticker, Sticker), (MessageTypes.Location, Location),
            (MessageTypes.Contacts, Contacts), (MessageTypes.Button, Button), (MessageTypes.Interactive, Interactive),
        })
        {
            if (content is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } element)
            {
                given[type] = element;
            }
        }

        return given;
    }
}
