using Multiconnect.Gateway.Errors;
using Multiconnect.Persistence;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// PATCH /v1/settings/application, every field optional, with the original's names (docs/webhooks.md,
/// "Application settings"): <c>webhooks</c> (<c>url</c>, <c>max_concurrent_requests</c>,
/// <c>message</c>: <c>sent</c>, <c>delivered</c>, <c>read</c>), <c>sent_status</c> (the older name of
/// <c>webhooks.message.sent</c>), <c>callback_persist</c>, <c>callback_backoff_delay_ms</c> and
/// <c>max_callback_backoff_delay_ms</c> (numbers, or strings of digits as the original documents them),
/// <c>heartbeat_interval</c>, <c>unhealthy_interval</c>. A field we do not know is refused by name, and a
/// body with none of these fields is the original's "No valid parameters provided".
/// </summary>
public static class ApplicationSettingsRequest
{
    /// <summary>Longest webhook URL accepted, in characters.</summary>
    public const int MaxUrlLength = 2048;

    public static Validated<ApplicationSettingsPatch> From(JsonObjectBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        body.OnlyKnown("webhooks", "sent_status", "callback_persist", "callback_backoff_delay_ms", "max_callback_backoff_delay_ms", "heartbeat_interval", "unhealthy_interval");
        var webhooks = body.OptionalObject("webhooks");
        webhooks?.OnlyKnown("url", "max_concurrent_requests", "message");
        var url = webhooks?.OptionalString("url");
        var concurrent = webhooks?.OptionalInteger("max_concurrent_requests");
        var message = webhooks?.OptionalObject("message");
        message?.OnlyKnown("sent", "delivered", "read");
        var sent = message?.OptionalBoolean("sent");
        var sentStatus = body.OptionalBoolean("sent_status");
        var patch = new ApplicationSettingsPatch(
            SetsWebhookUrl: url is not null,
            WebhookUrl: url is { Length: > 0 } ? WebhookUrlFrom(url) : null,
            SentStatus: sent ?? sentStatus,
            DeliveredStatus: message?.OptionalBoolean("delivered"),
            ReadStatus: message?.OptionalBoolean("read"),
            CallbackPersist: body.OptionalBoolean("callback_persist"),
            CallbackBackoffDelayMs: body.OptionalInteger("callback_backoff_delay_ms", orDigits: true),
            MaxCallbackBackoffDelayMs: body.OptionalInteger("max_callback_backoff_delay_ms", orDigits: true),
            MaxConcurrentRequests: concurrent,
            HeartbeatInterval: body.OptionalInteger("heartbeat_interval"),
            UnhealthyInterval: body.OptionalInteger("unhealthy_interval"));

        if (url is { Length: > 0 } && patch.WebhookUrl is null)
        {
            webhooks!.Invalid("url", $"must be an absolute http:// or https:// URL of at most {MaxUrlLength} characters, or \"\" to remove it");
        }

        if (sent is { } a && sentStatus is { } b && a != b)
        {
            body.Invalid("sent_status", "is the older name of webhooks.message.sent, and the two disagree");
        }

        if (concurrent is { } count && !ApplicationSettings.ConcurrentRequestsAllowed.Contains(count))
        {
            webhooks!.Invalid("max_concurrent_requests", $"must be one of {string.Join(", ", ApplicationSettings.ConcurrentRequestsAllowed)}; got {count}");
        }

        Within(body, "callback_backoff_delay_ms", patch.CallbackBackoffDelayMs, 100, 3_600_000, "milliseconds (100 ms to 1 hour)");
        Within(body, "max_callback_backoff_delay_ms", patch.MaxCallbackBackoffDelayMs, 100, 86_400_000, "milliseconds (100 ms to 1 day)");
        Within(body, "heartbeat_interval", patch.HeartbeatInterval, 1, 3600, "seconds");
        Within(body, "unhealthy_interval", patch.UnhealthyInterval, 1, 3600, "seconds");
        if (body.Problems is { } problems)
        {
            return problems;
        }

        return patch == new ApplicationSettingsPatch() ? (Validated<ApplicationSettingsPatch>)ApiError.BadRequest("No valid parameters provided") : patch;
    }

    private static void Within(JsonObjectBody body, string name, int? value, int min, int max, string unit)
    {
        if (value is { } number && (number < min || number > max))
        {
            body.Invalid(name, $"must be between {min} and {max} {unit}; got {number}");
        }
    }

    private static Uri? WebhookUrlFrom(string text) =>
        text.Length <= MaxUrlLength
        && !text.Any(char.IsWhiteSpace)
        && Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0
            ? uri
            : null;
}
