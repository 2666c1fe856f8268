using Multiconnect.Contracts.Routing;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// POST /v1/messages: <c>{"recipient_type":"individual","to":"…","type":"text","text":{"body":"…"}}</c>.
/// recipient_type defaults to individual; type defaults to text, the only type this gateway sends;
/// the body is 1 to 4,096 characters. <c>preview_url</c> (top-level on the On-Premises API) is checked to be a
/// boolean and passed over: link previews are drawn by the recipient's phone. Any other field is refused,
/// so that a field we do not act on never looks accepted.
/// </summary>
public sealed record SendMessageRequest(RecipientId To, string Body)
{
    public const int MaxBodyLength = 4096;

    public static Validated<SendMessageRequest> From(JsonObjectBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        body.OnlyKnown("recipient_type", "to", "type", "preview_url", "text");
        var recipientType = body.OptionalString("recipient_type");
        var to = body.RequiredString("to");
        var type = body.OptionalString("type");
        var text = body.RequiredObject("text");
        var content = text?.RequiredString("body");
        text?.OnlyKnown("body");
        body.OptionalBoolean("preview_url");

        if (recipientType is not null and not "individual")
        {
            body.Invalid("recipient_type", "must be \"individual\"");
        }

        RecipientId? recipient = null;
        if (to is not null && !RecipientId.TryParse(to, out recipient, out var problem))
        {
            body.Invalid("to", $"is not a WhatsApp id: it {problem}");
        }

        if (type is not null and not "text")
        {
            body.Invalid("type", $"\"{type}\" is not supported; only \"text\" messages can be sent");
        }

        if (content is not null && (content.Length == 0 || content.Length > MaxBodyLength))
        {
            body.Invalid("text.body", $"must be 1 to {MaxBodyLength} characters; got {content.Length}");
        }

        return body.Problems ?? (Validated<SendMessageRequest>)new SendMessageRequest(recipient!, content!);
    }
}
