using System.Text.Json;

namespace Multiconnect.Testing;

/// <summary>One POST the <see cref="WebhookReceiver"/> got: when, its body, the CoreApp that sent it, and the status it answered.</summary>
public sealed record WebhookCall(DateTimeOffset At, string Body, string? Node, int Status)
{
    public bool Accepted => Status is >= 200 and < 300;

    /// <summary>The id of the status or message the callback carries (its first one).</summary>
    public string CallbackId
    {
        get
        {
            using var json = JsonDocument.Parse(Body);
            var root = json.RootElement;
            var list = root.TryGetProperty("statuses", out var statuses) ? statuses : root.GetProperty("messages");
            return list[0].GetProperty("id").GetString()!;
        }
    }
}
