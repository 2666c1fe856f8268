using System.Globalization;
using System.Text.Json;
using Multiconnect.Contracts.Messaging;

namespace Multiconnect.Upstream;

/// <summary>
/// What the object of each message type must hold, as the servers check it: the fields the original
/// requires (../shared/WA-API.md §3 for what a business sends, §5.2 for what a user writes), nothing
/// about what the fields say beyond their kind and range. A text is its own body and is not checked here.
/// Each problem names the type and the field, e.g. "location: latitude is required (a number from -90 to 90)".
/// </summary>
public static class MessageContent
{
    /// <summary>
    /// Why the servers refuse a business's message of the known outbound <paramref name="type"/> whose
    /// body is <paramref name="body"/> (the JSON of the type's object), or null when they deliver it.
    /// </summary>
    public static string? OutboundProblem(string type, string body)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(body);
        if (type == MessageTypes.Text)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var content = document.RootElement;
            var problem = type switch
            {
                MessageTypes.Template => Object(content) ?? Required(content, "name") ?? Language(content) ?? OptionalArray(content, "components"),
                MessageTypes.Hsm => Object(content) ?? Required(content, "namespace") ?? Required(content, "element_name") ?? Language(content)
                    ?? OptionalArray(content, "localizable_params"),
                MessageTypes.Image or MessageTypes.Document or MessageTypes.Audio or MessageTypes.Video or MessageTypes.Sticker => OutboundMedia(type, content),
                MessageTypes.Location => Location(content),
                MessageTypes.Contacts => Contacts(content),
                MessageTypes.Interactive => Object(content) ?? OneOf(content, "type", "button", "list", "product", "product_list") ?? RequiredObject(content, "action"),
                MessageTypes.Reaction => Object(content) ?? Required(content, "message_id") ?? RequiredString(content, "emoji"),
                _ => $"is not a type the servers deliver (one of {string.Join(", ", MessageTypes.Outbound.Order(StringComparer.Ordinal))})",
            };
            return problem is null ? null : $"{type}: {problem}";
        }
        catch (JsonException)
        {
            return $"{type}: the body is not JSON";
        }
    }

    /// <summary>
    /// Why a user's message of <paramref name="type"/> with the object <paramref name="content"/> is not
    /// what the original's webhook shows for that type, or null when it is. For a text, the object is
    /// <c>{"body": …}</c>; for media, the file's id, mime_type and sha256 are required.
    /// </summary>
    public static string? InboundProblem(string type, JsonElement content)
    {
        ArgumentNullException.ThrowIfNull(type);
        var problem = type switch
        {
            MessageTypes.Text => Object(content) ?? Required(content, "body"),
            MessageTypes.Image or MessageTypes.Document or MessageTypes.Audio or MessageTypes.Video or MessageTypes.Voice or MessageTypes.Sticker =>
                Object(content) ?? Required(content, "id") ?? Required(content, "mime_type") ?? Required(content, "sha256") ?? CaptionAndFileName(type, content),
            MessageTypes.Location => Location(content),
            MessageTypes.Contacts => Contacts(content),
            MessageTypes.Button => Object(content) ?? RequiredString(content, "payload") ?? Required(content, "text"),
            MessageTypes.Interactive => Object(content) ?? OneOf(content, "type", "button_reply", "list_reply") ?? Reply(content),
            _ => $"is not a type users write (one of {string.Join(", ", MessageTypes.Inbound.Order(StringComparer.Ordinal))})",
        };
        return problem is null ? null : $"{type}: {problem}";
    }

    /// <summary>
    /// The id of the file a business's media message of <paramref name="type"/> names, which the servers must
    /// hold before it is sent; null for any other type, a file given by link, or a body that is not such an object.
    /// </summary>
    public static string? MediaId(string type, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!MessageTypes.Media.Contains(type))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                    ? id.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? OutboundMedia(string type, JsonElement content)
    {
        if (Object(content) is { } notObject)
        {
            return notObject;
        }

        var hasId = content.TryGetProperty("id", out _);
        var hasLink = content.TryGetProperty("link", out var link);
        if (hasId == hasLink)
        {
            return "needs exactly one of id and link";
        }

        if (hasId)
        {
            return Required(content, "id") ?? CaptionAndFileName(type, content);
        }

        return link.ValueKind == JsonValueKind.String
            && Uri.TryCreate(link.GetString(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Length > 0
                ? CaptionAndFileName(type, content)
                : "link must be an http or https URL";
    }

    private static string? CaptionAndFileName(string type, JsonElement content) =>
        content.TryGetProperty("caption", out _) && !MessageTypes.TakesCaption(type) ? "caption is allowed for image, video and document only"
        : content.TryGetProperty("filename", out _) && type != MessageTypes.Document ? "filename is allowed for document only"
        : OptionalString(content, "caption") ?? OptionalString(content, "filename");

    private static string? Location(JsonElement content) =>
        Object(content) ?? Coordinate(content, "latitude", 90) ?? Coordinate(content, "longitude", 180)
        ?? OptionalString(content, "name") ?? OptionalString(content, "address");

    private static string? Contacts(JsonElement content)
    {
        if (content.ValueKind != JsonValueKind.Array || content.GetArrayLength() == 0)
        {
            return "must be a non-empty array of contacts";
        }

        var index = 0;
        foreach (var contact in content.EnumerateArray())
        {
            var problem = contact.ValueKind != JsonValueKind.Object ? "must be an object"
                : !contact.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.Object ? "name is required (an object)"
                : Required(name, "formatted_name") is { } formatted ? $"name.{formatted}"
                : null;
            if (problem is not null)
            {
                return string.Create(CultureInfo.InvariantCulture, $"contact {index}: {problem}");
            }

            index++;
        }

        return null;
    }

    private static string? Reply(JsonElement content)
    {
        var kind = content.GetProperty("type").GetString()!;
        if (!content.TryGetProperty(kind, out var reply) || reply.ValueKind != JsonValueKind.Object)
        {
            return $"{kind} is required (an object)";
        }

        var problem = Required(reply, "id") ?? Required(reply, "title") ?? OptionalString(reply, "description");
        return problem is null ? null : $"{kind}.{problem}";
    }

    private static string? Language(JsonElement content) =>
        !content.TryGetProperty("language", out var language) || language.ValueKind != JsonValueKind.Object ? "language is required (an object with a code)"
        : Required(language, "code") is { } code ? $"language.{code}"
        : null;

    private static string? Object(JsonElement content) => content.ValueKind == JsonValueKind.Object ? null : "must be a JSON object";

    private static string? Required(JsonElement content, string name) =>
        content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0
            ? null
            : $"{name} is required (a non-empty string)";

    /// <summary>A string that may be empty: a reaction's emoji ("" removes it), a button's payload.</summary>
    private static string? RequiredString(JsonElement content, string name) =>
        content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? null : $"{name} is required (a string)";

    private static string? RequiredObject(JsonElement content, string name) =>
        content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? null : $"{name} is required (an object)";

    private static string? OptionalString(JsonElement content, string name) =>
        !content.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.String ? null : $"{name} must be a string";

    private static string? OptionalArray(JsonElement content, string name) =>
        !content.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Array ? null : $"{name} must be an array";

    private static string? OneOf(JsonElement content, string name, params string[] allowed) =>
        content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString(), StringComparer.Ordinal)
            ? null
            : $"{name} must be one of {string.Join(", ", allowed)}";

    private static string? Coordinate(JsonElement content, string name, double limit) =>
        content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var degrees) && Math.Abs(degrees) <= limit
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{name} is required (a number from -{limit} to {limit})");
}
