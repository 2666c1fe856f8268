using System.Globalization;
using System.Text.Json.Nodes;

namespace Multiconnect.Testing;

/// <summary>
/// A row for webhook_outbox, as a shard writes it: a status or an inbound message of one conversation,
/// with its ready-to-POST body. <paramref name="Id"/> is the id of the message it is about.
/// </summary>
public sealed record Callback(string Conversation, string Kind, string? Status, string Id, string Payload)
{
    /// <summary>A status callback: <c>{"statuses":[{"id","recipient_id","status","timestamp"}]}</c>.</summary>
    public static Callback StatusOf(string recipient, string messageId, string status) => new(recipient, "status", status, messageId, new JsonObject
    {
        ["statuses"] = new JsonArray(new JsonObject
        {
            ["id"] = messageId,
            ["recipient_id"] = recipient,
            ["status"] = status,
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        }),
    }.ToJsonString());

    /// <summary>An inbound-message callback: <c>{"contacts":[…],"messages":[{"from","id","timestamp","type":"text","text":{"body"}}]}</c>.</summary>
    public static Callback MessageFrom(string sender, string messageId, string body) => new(sender, "message", null, messageId, new JsonObject
    {
        ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = sender }, ["wa_id"] = sender }),
        ["messages"] = new JsonArray(new JsonObject
        {
            ["from"] = sender,
            ["id"] = messageId,
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["type"] = "text",
            ["text"] = new JsonObject { ["body"] = body },
        }),
    }.ToJsonString());
}
