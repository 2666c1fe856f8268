using System.Text.Json.Serialization;
using Multiconnect.Gateway.Apis;
using Multiconnect.Persistence;

namespace Multiconnect.Gateway.Requests;

/// <summary>url: where callbacks are POSTed, "" removes it; max_concurrent_requests: 6, 12, 18 or 24; message: which statuses go.</summary>
public sealed record WebhookSettingsPatchBody(string? Url = null, int? MaxConcurrentRequests = null, WebhookMessageSettings? Message = null)
{
    /// <summary>Longest webhook URL accepted, in characters.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>The URL given, when it is one a webhook can have (null for "" and for anything else).</summary>
    [JsonIgnore]
    public Uri? WebhookUrl => Url is { Length: > 0 } ? WebLink.From(Url, MaxUrlLength) : null;

    public void Validate(RequestProblems problems, string path)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (Url is { Length: > 0 } && WebhookUrl is null)
        {
            problems.Invalid($"{path}.url", $"must be an absolute http:// or https:// URL of at most {MaxUrlLength} characters, or \"\" to remove it");
        }

        if (MaxConcurrentRequests is { } count && !ApplicationSettings.ConcurrentRequestsAllowed.Contains(count))
        {
            problems.Invalid($"{path}.max_concurrent_requests", $"must be one of {string.Join(", ", ApplicationSettings.ConcurrentRequestsAllowed)}; got {count}");
        }
    }
}
