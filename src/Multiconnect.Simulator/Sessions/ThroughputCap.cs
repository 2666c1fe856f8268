using System.Diagnostics;

namespace Multiconnect.Simulator.Sessions;

/// <summary>
/// Paces one session to at most N messages per second (generic cell rate algorithm): each message
/// moves a theoretical arrival time on by 1/N s, and a sender ahead of it by more than a burst of
/// 1/10 s of messages waits. The burst also lets a session catch up after the scheduler woke it late,
/// so the cap holds on average on a busy machine. The wait stops the session's reads, so TCP pushes back on the sender.
/// </summary>
public sealed class ThroughputCap
{
    private readonly long _interval;
    private readonly long _tolerance;
    private long _theoreticalArrival;

    public ThroughputCap(int messagesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(messagesPerSecond, 1);
        MessagesPerSecond = messagesPerSecond;
        _interval = Math.Max(1, Stopwatch.Frequency / messagesPerSecond);
        _tolerance = Math.Max(_interval, Stopwatch.Frequency / 10);
    }

    public int MessagesPerSecond { get; }

    /// <summary>Reserves one message; returns how long to wait before handling it (zero for no wait).</summary>
    public TimeSpan Reserve()
    {
        var now = Stopwatch.GetTimestamp();
        _theoreticalArrival = Math.Max(_theoreticalArrival, now) + _interval;
        var ahead = _theoreticalArrival - now - _tolerance;
        return ahead > 0 ? Stopwatch.GetElapsedTime(0, ahead) : TimeSpan.Zero;
    }
}
