using Multiconnect.Upstream.Client;
using Multiconnect.Upstream.Frames;

namespace Multiconnect.Tests.Simulator.Infrastructure;

/// <summary>Reading a session's receipts and inbound messages with a deadline.</summary>
public static class SessionEvents
{
    /// <summary>The next event of type <typeparamref name="T"/> that matches, skipping others; throws when none comes in time.</summary>
    public static async Task<T> NextAsync<T>(this UpstreamSession session, Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : UpstreamFrame
    {
        ArgumentNullException.ThrowIfNull(session);
        using var deadline = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        try
        {
            while (true)
            {
                if (await session.Events.ReadAsync(deadline.Token) is T frame && (match?.Invoke(frame) ?? true))
                {
                    return frame;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {typeof(T).Name} arrived on shard {session.Shard}'s session within {(timeout ?? Eventually.DefaultTimeout).TotalSeconds:0} s.");
        }
    }

    /// <summary>Everything that has arrived so far, without waiting.</summary>
    public static List<UpstreamFrame> Drain(this UpstreamSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var frames = new List<UpstreamFrame>();
        while (session.Events.TryRead(out var frame))
        {
            frames.Add(frame);
        }

        return frames;
    }
}
