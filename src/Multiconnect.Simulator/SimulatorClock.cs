namespace Multiconnect.Simulator;

/// <summary>
/// The simulated servers' clock: another clock's time moved forward by an offset the operator can only
/// increase (<c>POST /admin/clock</c>), so tests can let days pass for certificates and registrations.
/// Only the time of day moves: timestamps and timers stay the underlying clock's, so advancing fires no
/// timer and no elapsed time jumps.
/// </summary>
public sealed class SimulatorClock(TimeProvider underlying) : TimeProvider
{
    /// <summary>The most one call may move the clock: certificates are issued for at most 3650 days.</summary>
    public static readonly TimeSpan MaxAdvance = TimeSpan.FromDays(3650);

    private long _offsetTicks;

    /// <summary>How far ahead of the underlying clock this one is.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => underlying.GetUtcNow() + Offset;

    /// <summary>Moves the clock forward by <paramref name="by"/>, between zero and <see cref="MaxAdvance"/>; returns the new offset.</summary>
    public TimeSpan Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(by, MaxAdvance);
        return TimeSpan.FromTicks(Interlocked.Add(ref _offsetTicks, by.Ticks));
    }
}
