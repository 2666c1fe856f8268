using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Multiconnect.Persistence;

/// <summary>
/// The webhook payload of a user's message, in the original's shape (../shared/WA-API.md §5.2):
/// <c>{"contacts":[{"profile":{"name":…},"wa_id":…}],"messages":[{"from","id","timestamp","type","&lt;type&gt;":{…}}]}</c>,
/// the timestamp in Unix seconds as a string. A text's object is <c>{"body": the text}</c>; any other
/// type's is its body, the JSON the servers sent, as it is (a contacts message's is an array).
/// </summary>
public static class InboundPayload
{
    /// <summary>The original's code for content it cannot show; its webhook then says "type":"unknown" with this error.</summary>
    public const int UnsupportedType = 501;

    /// <summary>Keys of the message object itself: a type by one of these names cannot be the key of its own object.</summary>
    private static readonly HashSet<string> MessageKeys = ["from", "id", "timestamp", "type", "errors", "context"];

    public static string Build(InboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var item = new JsonObject
        {
            ["from"] = message.From,
            ["id"] = message.Id,
            ["timestamp"] = (message.TimestampMs / 1000).ToString(CultureInfo.InvariantCulture),
        };
        if (message.Type == "text")
        {
            item["type"] = "text";
            item["text"] = new JsonObject { ["body"] = message.Body };
        }
        else if (Content(message) is { } content)
        {
            item["type"] = message.Type;
            item[message.Type] = content;
        }
        else
        {
            // What the servers sent cannot be shown as its type: the receiver still hears of the message,
            // as the original tells of content it does not support.
            item["type"] = "unknown";
            item["errors"] = new JsonArray(new JsonObject
            {
                ["code"] = UnsupportedType,
                ["title"] = "Message type is not currently supported",
                ["details"] = $"a '{message.Type}' message whose content could not be read",
            });
        }

        return new JsonObject
        {
            ["contacts"] = new JsonArray(new JsonObject
            {
                ["profile"] = new JsonObject { ["name"] = message.Name ?? message.From },
                ["wa_id"] = message.From,
            }),
            ["messages"] = new JsonArray(item),
        }.ToJsonString();
    }

    private static JsonNode? Content(InboundMessage message)
    {
        if (message.Type.Length is 0 or > 32 || !message.Type.All(c => c is (>= 'a' and <= 'z') or '_') || MessageKeys.Contains(message.Type))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(message.Body) is { } content && content.GetValueKind() is JsonValueKind.Object or JsonValueKind.Array ? content : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
