using Multiconnect.Gateway.Errors;
using Multiconnect.Persistence;

namespace Multiconnect.Gateway.Requests;

/// <summary>PATCH /v1/settings/application: <c>{"webhooks":{"url"},"sent_status"}</c>, every field optional.</summary>
public static class ApplicationSettingsRequest
{
    /// <summary>Longest webhook URL accepted, in characters.</summary>
    public const int MaxUrlLength = 2048;

    public static Validated<ApplicationSettingsPatch> From(JsonObjectBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        body.OnlyKnown("webhooks", "sent_status");
        var webhooks = body.OptionalObject("webhooks");
        webhooks?.OnlyKnown("url");
        var url = webhooks?.OptionalString("url");
        var sentStatus = body.OptionalBoolean("sent_status");

        Uri? webhookUrl = null;
        if (url is { Length: > 0 } && (webhookUrl = WebhookUrlFrom(url)) is null)
        {
            webhooks!.Invalid("url", $"must be an absolute http:// or https:// URL of at most {MaxUrlLength} characters, or \"\" to remove it");
        }

        return body.Problems is { } problems
            ? (Validated<ApplicationSettingsPatch>)problems
            : new ApplicationSettingsPatch(url is not null, webhookUrl, sentStatus);
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
