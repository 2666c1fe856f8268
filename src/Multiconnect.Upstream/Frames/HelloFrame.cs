namespace Multiconnect.Upstream.Frames;

/// <summary>
/// Client → server, first frame of a session: who is connecting and with which fencing epoch.
/// <paramref name="Cert"/> is the base64 verified-name certificate of the number; <paramref name="Generation"/>
/// the generation of the shard map the session was opened under (0: not told).
/// </summary>
public sealed record HelloFrame(
    int V,
    string Cc,
    string Phone,
    int Shard,
    int Shards,
    long Epoch,
    string? Cert = null,
    string? Client = null,
    long Generation = 0) : UpstreamFrame;
