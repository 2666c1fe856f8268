namespace Multiconnect.Gateway.Cluster;

/// <summary>
/// How long a shard call may go unanswered before <see cref="ShardCaller"/> copies it: four times the
/// typical answer time (a moving mean of answered calls), never less than <paramref name="floor"/>. An idle
/// cluster answers in milliseconds, so a call stuck behind a hung CoreApp is copied after the floor; under a
/// load that makes every call slower (100 ms and more at the maximum rate), only the slowest few are copied,
/// not nearly all of them.
/// </summary>
public sealed class CopyDelay(TimeSpan floor)
{
    private const int TypicalTimes = 4;

    /// <summary>Each answer moves the mean by this fraction of its difference from it.</summary>
    private const int Weight = 16;

    private long _typicalTicks;

    public TimeSpan Current => TimeSpan.FromTicks(Math.Max(floor.Ticks, TypicalTimes * Volatile.Read(ref _typicalTicks)));

    /// <summary>A call was answered after <paramref name="answeredIn"/>. Two at once may lose one of them: a mean does not mind.</summary>
    public void Observe(TimeSpan answeredIn)
    {
        var typical = Volatile.Read(ref _typicalTicks);
        Volatile.Write(ref _typicalTicks, typical + ((answeredIn.Ticks - typical) / Weight));
    }
}
