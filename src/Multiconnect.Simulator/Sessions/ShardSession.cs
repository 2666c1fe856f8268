using System.Diagnostics;
using System.Net.WebSockets;
using Multiconnect.Simulator.Numbers;
using Multiconnect.Upstream.Frames;
using Multiconnect.Upstream.Transport;

namespace Multiconnect.Simulator.Sessions;

/// <summary>An open session of one shard of one business number, as the server sees it.</summary>
public sealed class ShardSession
{
    private readonly FrameConnection _connection;
    private readonly CancellationTokenSource _lifetime;
    private long _accepted;
    private long _rateCount;
    private long _rateSince = Stopwatch.GetTimestamp();

    public ShardSession(BusinessNumber number, HelloFrame hello, FrameConnection connection, CancellationTokenSource lifetime, int cap, DateTimeOffset openedAt)
    {
        ArgumentNullException.ThrowIfNull(hello);
        Number = number;
        Shard = hello.Shard;
        Shards = hello.Shards;
        Epoch = hello.Epoch;
        Generation = hello.Generation;
        ClientName = hello.Client;
        OpenedAt = openedAt;
        Cap = cap > 0 ? new ThroughputCap(cap) : null;
        _connection = connection;
        _lifetime = lifetime;
    }

    public string Id { get; } = Guid.CreateVersion7().ToString("N");

    public BusinessNumber Number { get; }

    public int Shard { get; }

    public int Shards { get; }

    public long Epoch { get; }

    /// <summary>The generation of the shard map the session was opened under (0: not told).</summary>
    public long Generation { get; }

    public string? ClientName { get; }

    public DateTimeOffset OpenedAt { get; }

    public ThroughputCap? Cap { get; }

    /// <summary>Inbound messages written to this session and not yet acknowledged; guarded by the number's lock.</summary>
    public Dictionary<string, InboundMessage> InFlightInbound { get; } = new(StringComparer.Ordinal);

    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Accepted messages per second over the latest sweep interval (about a second).</summary>
    public double MessagesPerSecond { get; private set; }

    public bool IsClosing => _connection.IsCompleted;

    public bool TrySend(UpstreamFrame frame) => _connection.TrySend(frame);

    public void CountAccepted() => Interlocked.Increment(ref _accepted);

    /// <summary>Writes a <c>closing</c> frame and closes; a peer that does not answer the close is cut off after a few seconds.</summary>
    public void Close(string reason, string detail)
    {
        _connection.Complete(new ClosingFrame(reason, detail), WebSocketCloseStatus.NormalClosure, reason);
        try
        {
            _lifetime.CancelAfter(UpstreamConversation.CloseTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The connection has already ended.
        }
    }

    /// <summary>Called about once a second by the sweeper.</summary>
    public void UpdateRate(long now)
    {
        var accepted = Accepted;
        var seconds = Stopwatch.GetElapsedTime(_rateSince, now).TotalSeconds;
        if (seconds > 0)
        {
            MessagesPerSecond = (accepted - _rateCount) / seconds;
        }

        (_rateCount, _rateSince) = (accepted, now);
    }
}
