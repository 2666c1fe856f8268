using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Multiconnect.Gateway.Errors;
using Multiconnect.Persistence;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// PATCH /v1/settings/application, every field optional, with the original's names (docs/webhooks.md,
/// "Application settings"): <c>webhooks</c> (<see cref="WebhookSettingsPatchBody"/>), <c>sent_status</c>
/// (the older name of <c>webhooks.message.sent</c>), <c>callback_persist</c>, <c>callback_backoff_delay_ms</c>
/// and <c>max_callback_backoff_delay_ms</c> (numbers, or strings of digits as the original documents them),
/// <c>heartbeat_interval</c>, <c>unhealthy_interval</c>. A field we do not know is refused by name, and a
/// body with none of these fields is the original's "No valid parameters provided".
/// </summary>
public sealed record ApplicationSettingsPatchBody(
    WebhookSettingsPatchBody? Webhooks = null,
    bool? SentStatus = null,
    bool? CallbackPersist = null,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] int? CallbackBackoffDelayMs = null,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] int? MaxCallbackBackoffDelayMs = null,
    int? HeartbeatInterval = null,
    int? UnhealthyInterval = null) : IRequestBody<ApplicationSettingsPatchBody>
{
    public static JsonTypeInfo<ApplicationSettingsPatchBody> JsonTypeInfo => RequestJsonContext.Default.ApplicationSettingsPatchBody;

    /// <summary>The change to store: what was given, the webhook URL "" meaning "remove it".</summary>
    public ApplicationSettingsPatch ToPatch() => new(
        SetsWebhookUrl: Webhooks?.Url is not null,
        WebhookUrl: Webhooks?.WebhookUrl,
        SentStatus: Webhooks?.Message?.Sent ?? SentStatus,
        DeliveredStatus: Webhooks?.Message?.Delivered,
        ReadStatus: Webhooks?.Message?.Read,
        CallbackPersist: CallbackPersist,
        CallbackBackoffDelayMs: CallbackBackoffDelayMs,
        MaxCallbackBackoffDelayMs: MaxCallbackBackoffDelayMs,
        MaxConcurrentRequests: Webhooks?.MaxConcurrentRequests,
        HeartbeatInterval: HeartbeatInterval,
        UnhealthyInterval: UnhealthyInterval);

    public void Validate(RequestProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Webhooks?.Validate(problems, "webhooks");
        if (Webhooks?.Message?.Sent is { } sent && SentStatus is { } sentStatus && sent != sentStatus)
        {
            problems.Invalid("sent_status", "is the older name of webhooks.message.sent, and the two disagree");
        }

        Within(problems, "callback_backoff_delay_ms", CallbackBackoffDelayMs, 100, 3_600_000, "milliseconds (100 ms to 1 hour)");
        Within(problems, "max_callback_backoff_delay_ms", MaxCallbackBackoffDelayMs, 100, 86_400_000, "milliseconds (100 ms to 1 day)");
        Within(problems, "heartbeat_interval", HeartbeatInterval, 1, 3600, "seconds");
        Within(problems, "unhealthy_interval", UnhealthyInterval, 1, 3600, "seconds");
        if (problems.Error is null && ToPatch() == new ApplicationSettingsPatch())
        {
            problems.Add(ApiError.BadRequest("No valid parameters provided"));
        }
    }

    private static void Within(RequestProblems problems, string name, int? value, int min, int max, string unit)
    {
        if (value is { } number && (number < min || number > max))
        {
            problems.Invalid(name, $"must be between {min} and {max} {unit}; got {number}");
        }
    }
}
