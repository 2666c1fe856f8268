using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Multiconnect.Contracts.Messaging;
using Multiconnect.Simulator.Media;
using Multiconnect.Upstream;

namespace Multiconnect.Simulator.Numbers;

/// <summary>
/// What simulated users write, in the shapes of the original's webhook (../shared/WA-API.md §5.2): a
/// sample message of each inbound type, and the parts the servers add to a user's media (the file's id,
/// its MIME type and its SHA-256) when an operator leaves them out. A user's file is one the servers hold
/// (<see cref="MediaHost"/>), so the business can fetch it.
/// </summary>
public static class InboundContent
{
    /// <summary>The MIME type a user's file of each media type has unless told otherwise.</summary>
    private static readonly Dictionary<string, string> MimeTypes = new(StringComparer.Ordinal)
    {
        [MessageTypes.Image] = "image/jpeg",
        [MessageTypes.Document] = "application/pdf",
        [MessageTypes.Audio] = "audio/mpeg",
        [MessageTypes.Video] = "video/mp4",
        [MessageTypes.Voice] = "audio/ogg; codecs=opus",
        [MessageTypes.Sticker] = "image/webp",
    };

    /// <summary>
    /// The body of the <paramref name="n"/>-th message a user writes, of <paramref name="type"/>: the text
    /// of a text, the compact JSON of the type's object for any other.
    /// </summary>
    public static string Sample(string type, string from, long n, MediaHost media)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (type == MessageTypes.Text)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Hello from {from} ({n})");
        }

        var tail = from[^4..];
        JsonNode content = type switch
        {
            MessageTypes.Image or MessageTypes.Video => Completed(type, new JsonObject { ["caption"] = string.Create(CultureInfo.InvariantCulture, $"{type} {n} from {tail}") }, media),
            MessageTypes.Document => Completed(type, new JsonObject
            {
                ["caption"] = "the invoice",
                ["filename"] = string.Create(CultureInfo.InvariantCulture, $"invoice-{n}.pdf"),
            }, media),
            MessageTypes.Audio or MessageTypes.Voice or MessageTypes.Sticker => Completed(type, new JsonObject(), media),
            MessageTypes.Location => new JsonObject
            {
                ["latitude"] = 37.758056,
                ["longitude"] = -122.425332,
                ["name"] = "Home",
                ["address"] = "1 Hacker Way, Menlo Park, CA 94025",
            },
            MessageTypes.Contacts => new JsonArray(new JsonObject
            {
                ["name"] = new JsonObject { ["formatted_name"] = "John Smith", ["first_name"] = "John", ["last_name"] = "Smith" },
                ["phones"] = new JsonArray(new JsonObject { ["phone"] = "+1 (650) 555-1234", ["type"] = "CELL", ["wa_id"] = "16505551234" }),
            }),
            MessageTypes.Button => new JsonObject { ["payload"] = "order-status", ["text"] = "Where is my order?" },
            MessageTypes.Interactive when n % 2 == 0 => new JsonObject
            {
                ["type"] = "button_reply",
                ["button_reply"] = new JsonObject { ["id"] = "yes", ["title"] = "Yes" },
            },
            MessageTypes.Interactive => new JsonObject
            {
                ["type"] = "list_reply",
                ["list_reply"] = new JsonObject { ["id"] = "tracking", ["title"] = "Tracking", ["description"] = "Where my parcel is" },
            },
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a type users write"),
        };
        return content.ToJsonString();
    }

    /// <summary>
    /// <paramref name="content"/> with what the servers add to a user's file of media <paramref name="type"/>:
    /// without an id, a new file the servers hold, with its id, MIME type and SHA-256 (hex); with the id of a
    /// file the servers hold (one a business sent, which the user forwards), a copy of it under a new id.
    /// An id the servers do not hold is kept as given, and what is missing beside it is made up. Other types
    /// are returned as they are.
    /// </summary>
    public static JsonNode Completed(string type, JsonNode content, MediaHost media)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(media);
        if (!MessageTypes.Media.Contains(type) || content is not JsonObject file)
        {
            return content;
        }

        var held = file["id"] is not { } id ? media.Write(file["mime_type"]?.GetValue<string>() ?? MimeTypes[type], type)
            : id.GetValueKind() == JsonValueKind.String && media.Find(id.GetValue<string>()) is { } sent ? media.Forward(sent)
            : null;
        if (held is not null)
        {
            file["id"] = held.Id;
            file["mime_type"] ??= held.ContentType;
            file["sha256"] ??= held.Sha256;
            return file;
        }

        file["mime_type"] ??= MimeTypes[type];
        file["sha256"] ??= Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file["id"]!.ToJsonString())));
        return file;
    }
}
