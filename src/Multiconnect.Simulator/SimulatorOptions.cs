using Multiconnect.Upstream.Transport;

namespace Multiconnect.Simulator;

/// <summary>
/// Multiconnect:Simulator. Environment: Multiconnect__Simulator__SessionMessagesPerSecond and so on;
/// the admin token also as MULTICONNECT_SIMULATOR_ADMIN_TOKEN. There is no default token.
/// </summary>
public sealed class SimulatorOptions
{
    public const string Section = "Multiconnect:Simulator";
    public const string AdminTokenVariable = "MULTICONNECT_SIMULATOR_ADMIN_TOKEN";
    public const int MinimumAdminTokenLength = 16;

    /// <summary>Bearer token of the admin API (observer, certificates, faults). Required.</summary>
    public string? AdminToken { get; set; }

    /// <summary>The CA's private key (PKCS#8 PEM), created on first start when missing. Keep it out of the repository.</summary>
    public string CaKeyPath { get; set; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        "multiconnect-simulator", "ca-key.pem");

    /// <summary>Most messages per second one session may send; 0 for no cap. Faster senders are slowed, never dropped.</summary>
    public int SessionMessagesPerSecond { get; set; }

    /// <summary>How long a new connection may take to send its hello.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>WebSocket pings, so that a vanished peer is noticed.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a peer may leave a ping unanswered before its connection is cut (a dead peer is noticed);
    /// by default three keep-alive intervals.
    /// </summary>
    public TimeSpan? KeepAliveTimeout { get; set; }

    /// <summary>Most frames queued for one connection; a peer that reads slower than that is disconnected rather than buffered without bound.</summary>
    public int MaxQueuedFrames { get; set; } = FrameConnection.DefaultMaxQueuedFrames;

    public TimeSpan EffectiveKeepAliveTimeout => KeepAliveTimeout ?? KeepAliveInterval * 3;

    /// <summary>
    /// WhatsApp ids that are not WhatsApp users: a send to one is refused (<c>invalid</c>), as the real
    /// servers refuse it, and the shard reports it to the webhook as a <c>failed</c> status.
    /// </summary>
    public IReadOnlyList<string> NotOnWhatsApp { get; set; } = [];

    /// <summary>Most bytes of media files the servers hold together; the oldest files go first beyond it (<see cref="Media.MediaHost"/>).</summary>
    public long MediaCapacityBytes { get; set; } = 256L * 1024 * 1024;

    public ReceiptOptions Receipts { get; set; } = new();

    public InboundOptions Inbound { get; set; } = new();
}
