using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Multiconnect.Contracts.Messaging;
using Multiconnect.Contracts.Routing;

namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>
/// POST /v1/messages (WA-API.md §3): <c>to</c>, <c>recipient_type</c> (<c>individual</c>, the default),
/// <c>type</c> (<c>text</c>, the default) and the object named by the type, no other. <c>preview_url</c> is
/// checked to be a boolean and passed over: link previews are drawn by the recipient's phone. <c>ttl</c> is
/// how long the message may wait to be sent (<see cref="MessageTtl"/>). The message
/// travels as <see cref="Content"/>: the text of a text message, or the type's object as compact JSON,
/// for the WhatsApp servers to render.
/// </summary>
public sealed record SendMessageBody(
    [property: Required] string? To,
    string? RecipientType = null,
    string? Type = null,
    bool? PreviewUrl = null,
    JsonElement? Ttl = null,
    TextContent? Text = null,
    TemplateContent? Template = null,
    HsmContent? Hsm = null,
    MediaContent? Image = null,
    MediaContent? Audio = null,
    MediaContent? Video = null,
    MediaContent? Document = null,
    MediaContent? Sticker = null,
    LocationContent? Location = null,
    IReadOnlyList<ContactCard>? Contacts = null,
    InteractiveContent? Interactive = null,
    ReactionContent? Reaction = null) : IRequestBody<SendMessageBody>
{
    /// <summary>Most cards one contacts message may carry (our choice: the original documents no limit).</summary>
    public const int MaxContactCards = 20;

    public static JsonTypeInfo<SendMessageBody> JsonTypeInfo => RequestJsonContext.Default.SendMessageBody;

    [JsonIgnore]
    public string MessageType => Type ?? "text";

    /// <summary>The recipient in canonical form; only for a body that passed <see cref="Validate"/>.</summary>
    [JsonIgnore]
    public RecipientId Recipient => RecipientId.TryParse(To, out var recipient, out _) ? recipient : throw new InvalidOperationException("The recipient was not validated.");

    /// <summary>How long the message may wait to be sent, in seconds: its <c>ttl</c>, or its type's default; null for no limit. Only for a body that passed <see cref="Validate"/>.</summary>
    [JsonIgnore]
    public int? TtlSeconds => Ttl is { } ttl ? MessageTtl.Seconds(ttl, out _) : MessageTtl.Default(MessageType);

    /// <summary>The medium of an image, audio, video, document or sticker message; null for the other types.</summary>
    [JsonIgnore]
    public MediaContent? Medium => Media(MessageType);

    /// <summary>What travels upstream: the text of a text message, or the type's object as compact JSON.</summary>
    public string Content()
    {
        var context = RequestJsonContext.Default;
        return MessageType switch
        {
            "text" => Text!.Body!,
            "template" => JsonSerializer.Serialize(Template!, context.TemplateContent),
            "hsm" => JsonSerializer.Serialize(Hsm!, context.HsmContent),
            "location" => JsonSerializer.Serialize(Location!, context.LocationContent),
            "contacts" => JsonSerializer.Serialize(Contacts!, context.IReadOnlyListContactCard),
            "interactive" => JsonSerializer.Serialize(Interactive!, context.InteractiveContent),
            "reaction" => JsonSerializer.Serialize(Reaction!, context.ReactionContent),
            _ => JsonSerializer.Serialize(Media(MessageType)!, context.MediaContent),
        };
    }

    public void Validate(RequestProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (RecipientType is not null and not "individual")
        {
            problems.Invalid("recipient_type", "must be \"individual\"");
        }

        if (problems.Required(To, "to") && !RecipientId.TryParse(To, out _, out var problem))
        {
            problems.Invalid("to", $"is not a WhatsApp id: it {problem}");
        }

        if (Ttl is { } ttl && MessageTtl.Seconds(ttl, out var ttlProblem) is null)
        {
            problems.Invalid("ttl", ttlProblem!);
        }

        if (!MessageTypes.Outbound.Contains(MessageType))
        {
            problems.Invalid("type", $"\"{MessageType}\" is not a message type; expected one of {string.Join(", ", MessageTypes.Outbound.Order(StringComparer.Ordinal))}");
            return;
        }

        foreach (var other in MessageTypes.Outbound.Where(t => t != MessageType && Object(t) is not null))
        {
            problems.Invalid(other, $"is not allowed in a message of type {MessageType}");
        }

        if (!problems.Required(Object(MessageType), MessageType))
        {
            return;
        }

        switch (MessageType)
        {
            case "text":
                Text!.Validate(problems, "text");
                break;
            case "template":
                Template!.Validate(problems, "template");
                break;
            case "hsm":
                Hsm!.Validate(problems, "hsm");
                break;
            case "location":
                Location!.Validate(problems, "location");
                break;
            case "contacts":
                problems.Each(Contacts, "contacts", 1, MaxContactCards, (card, at) => card.Validate(problems, at));
                break;
            case "interactive":
                Interactive!.Validate(problems, "interactive");
                break;
            case "reaction":
                Reaction!.Validate(problems, "reaction");
                break;
            default:
                Media(MessageType)!.Validate(problems, MessageType, MessageType);
                break;
        }
    }

    private MediaContent? Media(string type) => type switch
    {
        "image" => Image,
        "audio" => Audio,
        "video" => Video,
        "document" => Document,
        "sticker" => Sticker,
        _ => null,
    };

    private object? Object(string type) => type switch
    {
        "text" => Text,
        "template" => Template,
        "hsm" => Hsm,
        "location" => Location,
        "contacts" => Contacts,
        "interactive" => Interactive,
        "reaction" => Reaction,
        _ => Media(type),
    };
}
