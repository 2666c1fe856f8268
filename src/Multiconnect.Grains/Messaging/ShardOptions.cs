namespace Multiconnect.Grains.Messaging;

/// <summary>Multiconnect:Shards. Environment: Multiconnect__Shards__UpstreamUrl and so on.</summary>
public sealed class ShardOptions
{
    public const string Section = "Multiconnect:Shards";

    /// <summary>The WhatsApp servers (the simulator), e.g. http://127.0.0.1:8090. Without it, shards accept messages but deliver none.</summary>
    public Uri? UpstreamUrl { get; set; }

    /// <summary>Sends in flight per session before the shard waits for acknowledgements.</summary>
    public int Window { get; set; } = 512;

    /// <summary>Undelivered messages a shard holds before it refuses new ones (1016, system overloaded).</summary>
    public int MaxBacklog { get; set; } = 50_000;

    /// <summary>Most messages committed together in one round-trip (group commit).</summary>
    public int MaxBatch { get; set; } = 1_000;

    /// <summary>
    /// How long a shard keeps retrying to store receipts and inbound messages (with back-off, the upstream
    /// held back meanwhile) before it closes the session and opens a new one. Nothing is dropped either
    /// way: unstored receipts are kept and written first, unacknowledged inbound messages come again.
    /// </summary>
    public TimeSpan StoreEventsFor { get; set; } = TimeSpan.FromSeconds(30);
}
