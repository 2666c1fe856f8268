namespace Multiconnect.Gateway.Limits;

/// <summary>
/// Multiconnect:Gateway:RateLimits: the original's request-rate limits (../shared/WA-API.md §9), per
/// gateway replica and per user (per client address before login). Environment:
/// Multiconnect__Gateway__RateLimits__OtherPerSecond and so on. A rate of 0 turns that limit off.
/// </summary>
public sealed class RequestRateOptions
{
    /// <summary>
    /// Requests a second to /v1/messages. Off by default: one gateway here takes thousands a second, where
    /// the original's single webapp allowed 50 (bursts of 150); set 50 to answer as the original does.
    /// </summary>
    public int MessagesPerSecond { get; set; }

    /// <summary>How many requests to /v1/messages may come at once before the rate applies.</summary>
    public int MessagesBurst { get; set; } = 150;

    /// <summary>Requests a second to every other endpoint of the API (login has its own throttle, for failures).</summary>
    public int OtherPerSecond { get; set; } = 20;

    public int OtherBurst { get; set; } = 60;

    /// <summary>What is wrong with these settings, or null.</summary>
    public string? Problem() =>
        MessagesPerSecond < 0 || OtherPerSecond < 0 ? "RateLimits: a rate must be 0 (off) or more requests a second"
        : MessagesPerSecond > 0 && MessagesBurst < 1 || OtherPerSecond > 0 && OtherBurst < 1 ? "RateLimits: a burst must be at least 1"
        : null;
}
