using System.Diagnostics;
using System.Diagnostics.Metrics;
using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Telemetry;

namespace Multiconnect.Gateway.Cluster;

/// <summary>
/// Calls into the cluster without ever waiting long on a dead or hung CoreApp: each attempt gets a
/// short timeout, and a failed attempt is retried (reaching the shard's new activation once the
/// master has re-placed it) until one overall deadline. An attempt in flight when the client loses a
/// connection to a CoreApp is retried at once (<see cref="GatewayConnectionLoss"/>). A shard call given
/// a copy (<see cref="IShardGrainCopies"/>) and left unanswered for longer than usual
/// (<see cref="Cluster.CopyDelay"/>) is sent twice more as the copy, which goes through the CoreApps' client
/// ports in turn, and the first answer counts: a CoreApp that hangs holds up only the calls that happened to
/// go through it. Copies are counted (<c>multiconnect_shard_call_copies_total</c>). Values and reasons:
/// docs/failover.md.
/// </summary>
public sealed partial class ShardCaller(
    IClusterClient cluster, GatewayConnectionLoss connectionLoss, IMeterFactory meters, ILogger<ShardCaller> logger, TimeSpan? copyAfter = null)
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(12);

    /// <summary>The least time a shard call goes unanswered before it is copied (<see cref="Cluster.CopyDelay"/>).</summary>
    public static readonly TimeSpan CopyAfter = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Attempts with copies in flight at once, at most: however slow the calls get, copies must not
    /// multiply the cluster's work.
    /// </summary>
    private const int MaxCopyingAttempts = 8;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly CopyDelay _copyDelay = new(copyAfter ?? CopyAfter);
    private readonly Counter<long> _copies = meters.Create(MulticonnectMeter.Name)
        .CreateCounter<long>("multiconnect.shard_call.copies", description: "Copies of unanswered shard calls sent through the next CoreApp's client port");
    private int _copyingAttempts;

    public Task<T> CallAsync<T>(Func<IClusterClient, Task<T>> call, CancellationToken cancellationToken) =>
        CallAsync(call, copy: null, AttemptTimeout, cancellationToken);

    public Task<T> CallAsync<T>(Func<IClusterClient, Task<T>> call, TimeSpan attemptTimeout, CancellationToken cancellationToken) =>
        CallAsync(call, copy: null, attemptTimeout, cancellationToken);

    public Task<T> CallAsync<T>(Func<IClusterClient, Task<T>> call, Func<IClusterClient, Task<T>> copy, CancellationToken cancellationToken) =>
        CallAsync(call, copy, AttemptTimeout, cancellationToken);

    public Task CallAsync(Func<IClusterClient, Task> call, CancellationToken cancellationToken) =>
        CallAsync(Answered(call), copy: null, AttemptTimeout, cancellationToken);

    public Task CallAsync(Func<IClusterClient, Task> call, Func<IClusterClient, Task> copy, CancellationToken cancellationToken) =>
        CallAsync(Answered(call), Answered(copy), AttemptTimeout, cancellationToken);

    /// <summary>One attempt, no retry.</summary>
    public Task<T> CallOnceAsync<T>(Func<IClusterClient, Task<T>> call, TimeSpan timeout, Func<IClusterClient, Task<T>>? copy = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        return AttemptAsync(call, copy, timeout, CancellationToken.None);
    }

    private async Task<T> CallAsync<T>(Func<IClusterClient, Task<T>> call, Func<IClusterClient, Task<T>>? copy, TimeSpan attemptTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var started = Stopwatch.GetTimestamp();
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            var connectionLost = connectionLoss.Token;
            using var attemptEnds = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectionLost);
            try
            {
                return await AttemptAsync(call, copy, attemptTimeout, attemptEnds.Token);
            }
            catch (OperationCanceledException) when (connectionLost.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                && Stopwatch.GetElapsedTime(started) < Deadline)
            {
                LogRetryAfterConnectionLoss(logger, attempt);
            }
            catch (Exception e) when (IsTransient(e) && Stopwatch.GetElapsedTime(started) + delay < Deadline)
            {
                LogRetry(logger, attempt, e);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    /// <summary>One attempt: the first answer of the call and its copies, or the failure of the last one to fail.</summary>
    private async Task<T> AttemptAsync<T>(Func<IClusterClient, Task<T>> call, Func<IClusterClient, Task<T>>? copy, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var first = call(cluster);
        if (copy is null)
        {
            return await first.WaitAsync(timeout, cancellationToken);
        }

        var started = Stopwatch.GetTimestamp();
        TimeSpan Remaining() => TimeSpan.FromTicks(Math.Max(0, (timeout - Stopwatch.GetElapsedTime(started)).Ticks));
        var copyAfter = _copyDelay.Current;
        if (copyAfter < timeout)
        {
            await Task.WhenAny(first, Task.Delay(copyAfter, cancellationToken));
        }

        if (first.IsCompleted || copyAfter >= timeout || cancellationToken.IsCancellationRequested || !TryStartCopying())
        {
            return Observed(await first.WaitAsync(Remaining(), cancellationToken), started);
        }

        try
        {
            // The client picks the next CoreApp in turn for each, so the two copies go through two different ones.
            List<Task<T>> sent = [first, copy(cluster), copy(cluster)];
            _copies.Add(2);
            while (true)
            {
                var done = await Task.WhenAny(sent).WaitAsync(Remaining(), cancellationToken);
                if (done.IsCompletedSuccessfully || done.IsCanceled || !IsTransient(done.Exception!.InnerException!) || sent.Count == 1)
                {
                    return done == first ? Observed(await done, started) : await done;
                }

                sent.Remove(done);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _copyingAttempts);
        }
    }

    /// <summary>
    /// The call itself was answered: its time is typical. A copy's answer is not, and counting it would let a hang
    /// push the delay up, and with it the time of the next copied call.
    /// </summary>
    private T Observed<T>(T answer, long started)
    {
        _copyDelay.Observe(Stopwatch.GetElapsedTime(started));
        return answer;
    }

    private bool TryStartCopying()
    {
        if (Interlocked.Increment(ref _copyingAttempts) <= MaxCopyingAttempts)
        {
            return true;
        }

        Interlocked.Decrement(ref _copyingAttempts);
        return false;
    }

    private static Func<IClusterClient, Task<bool>> Answered(Func<IClusterClient, Task> call) => async c =>
    {
        await call(c);
        return true;
    };

    /// <summary>A failure a later attempt may not meet: the cluster was unreachable or slow, or the shard was moving.</summary>
    public static bool IsTransient(Exception e) =>
        e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or ShardFencedException
            or Orleans.Runtime.Messaging.ConnectionFailedException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster call attempt {Attempt} failed; retrying")]
    private static partial void LogRetry(ILogger logger, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster call attempt {Attempt} was in flight when a connection to a CoreApp closed; retrying")]
    private static partial void LogRetryAfterConnectionLoss(ILogger logger, int attempt);
}
