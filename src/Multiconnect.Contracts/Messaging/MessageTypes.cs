using System.Collections.Frozen;

namespace Multiconnect.Contracts.Messaging;

/// <summary>
/// The original's message types (../shared/WA-API.md §3 and §5.2): what a business may send, and what
/// its users write. A text travels as its text; every other type as the JSON of its object.
/// </summary>
public static class MessageTypes
{
    public const string Text = "text";
    public const string Template = "template";

    /// <summary>The legacy template format (deprecated by the original in v2.39.1, still sent).</summary>
    public const string Hsm = "hsm";

    public const string Image = "image";
    public const string Document = "document";
    public const string Audio = "audio";
    public const string Video = "video";
    public const string Sticker = "sticker";
    public const string Location = "location";
    public const string Contacts = "contacts";
    public const string Interactive = "interactive";
    public const string Reaction = "reaction";

    /// <summary>A voice note a user recorded; inbound only.</summary>
    public const string Voice = "voice";

    /// <summary>A user tapped a template's quick-reply button; inbound only.</summary>
    public const string Button = "button";

    /// <summary>What a business may send.</summary>
    public static readonly FrozenSet<string> Outbound = FrozenSet.Create(StringComparer.Ordinal,
        Text, Template, Hsm, Image, Document, Audio, Video, Sticker, Location, Contacts, Interactive, Reaction);

    /// <summary>What a user may write to a business.</summary>
    public static readonly FrozenSet<string> Inbound = FrozenSet.Create(StringComparer.Ordinal,
        Text, Image, Document, Audio, Video, Voice, Sticker, Location, Contacts, Button, Interactive);

    /// <summary>The types whose object names a media file (by id or link outbound; by id, mime_type and sha256 inbound).</summary>
    public static readonly FrozenSet<string> Media = FrozenSet.Create(StringComparer.Ordinal, Image, Document, Audio, Video, Sticker, Voice);

    /// <summary>The media types that may carry a caption.</summary>
    public static bool TakesCaption(string type) => type is Image or Video or Document;
}
