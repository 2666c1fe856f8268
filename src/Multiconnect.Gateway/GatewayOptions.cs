namespace Multiconnect.Gateway;

/// <summary>Multiconnect:Gateway. Environment: Multiconnect__Gateway__Name and so on.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Multiconnect:Gateway";

    /// <summary>The node name shown in health; the pod name on Kubernetes.</summary>
    public string Name { get; set; } = $"gateway-{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Largest request body accepted, in bytes; larger ones get 413 in the API's error format. POST /v1/media has its own limits (<see cref="Media"/>).</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How large media uploads may be (docs/api.md, "Media").</summary>
    public Apis.MediaOptions Media { get; set; } = new();

    /// <summary>
    /// How old the shard map a gateway routes by may get before it reads it again (in the background).
    /// A shard answers a send routed by an old map with the new one, so this bounds only how often a
    /// send after a change of count takes one more hop.
    /// </summary>
    public TimeSpan ShardMapRefresh { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The original's request-rate limits (docs/api.md, "Rate limits").</summary>
    public Limits.RequestRateOptions RateLimits { get; set; } = new();

    /// <summary>Development mode only: the CoreApps' gateway ports on this machine.</summary>
    public IReadOnlyList<int> DevelopmentGatewayPorts { get; set; } = [30000];
}
