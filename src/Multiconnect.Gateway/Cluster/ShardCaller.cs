using System.Diagnostics;
using Multiconnect.Contracts.Grains;

namespace Multiconnect.Gateway.Cluster;

/// <summary>
/// Calls into the cluster without ever waiting long on a dead or hung CoreApp: each attempt gets a
/// short timeout, and a failed attempt is retried (reaching the shard's new activation once the
/// master has re-placed it) until one overall deadline. An attempt in flight when the client loses a
/// connection to a CoreApp is retried at once (<see cref="GatewayConnectionLoss"/>). While an attempt
/// goes unanswered, another copy of it is sent every <see cref="HedgeAfter"/>, and the first answer
/// counts: shard calls go through the CoreApps' client ports in turn (<c>RoundRobinGatewaysAttribute</c>),
/// so the copies go through others than a hung one. Values and reasons: docs/failover.md.
/// </summary>
public sealed partial class ShardCaller(IClusterClient cluster, GatewayConnectionLoss connectionLoss, ILogger<ShardCaller> logger, TimeSpan? hedgeAfter = null)
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(12);

    /// <summary>How long an attempt goes unanswered before another copy of it is sent.</summary>
    public static readonly TimeSpan HedgeAfter = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Attempts sending copies at once, at most: under a load that makes every call slower than
    /// <see cref="HedgeAfter"/>, hedging must not double the cluster's work.
    /// </summary>
    private const int MaxHedgesInFlight = 8;

    private readonly TimeSpan _hedgeAfter = hedgeAfter ?? HedgeAfter;
    private int _hedgesInFlight;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(500);

    public Task<T> CallAsync<T>(Func<IClusterClient, Task<T>> call, CancellationToken cancellationToken) =>
        CallAsync(call, AttemptTimeout, cancellationToken);

    public Task CallAsync(Func<IClusterClient, Task> call, CancellationToken cancellationToken) =>
        CallAsync(async c =>
        {
            await call(c);
            return true;
        }, AttemptTimeout, cancellationToken);

    /// <summary>One attempt (hedged), no retry.</summary>
    public Task<T> CallOnceAsync<T>(Func<IClusterClient, Task<T>> call, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(call);
        return AttemptAsync(call, timeout, CancellationToken.None);
    }

    public async Task<T> CallAsync<T>(Func<IClusterClient, Task<T>> call, TimeSpan attemptTimeout, CancellationToken cancellationToken)
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
                return await AttemptAsync(call, attemptTimeout, attemptEnds.Token);
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

    /// <summary>One attempt, hedged: the first answer of its copies, or the failure of the last one to fail.</summary>
    private async Task<T> AttemptAsync<T>(Func<IClusterClient, Task<T>> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        TimeSpan Remaining() => TimeSpan.FromTicks(Math.Max(0, (timeout - Stopwatch.GetElapsedTime(started)).Ticks));

        var first = call(cluster);
        if (!first.IsCompleted && _hedgeAfter < timeout)
        {
            await Task.WhenAny(first, Task.Delay(_hedgeAfter, cancellationToken));
        }

        if (first.IsCompleted || cancellationToken.IsCancellationRequested || _hedgeAfter >= timeout || !TryStartHedge())
        {
            return await first.WaitAsync(Remaining(), cancellationToken);
        }

        try
        {
            var copies = new List<Task<T>> { first };
            while (true)
            {
                copies.Add(call(cluster));
                await Task.WhenAny(Task.WhenAny(copies), Task.Delay(TimeSpan.FromTicks(Math.Min(_hedgeAfter.Ticks, Remaining().Ticks)), cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var copy in copies.Where(c => c.IsCompleted).ToList())
                {
                    if (copy.IsCompletedSuccessfully || copy.IsCanceled || !IsTransient(copy.Exception!.InnerException!) || copies.Count == 1)
                    {
                        return await copy;
                    }

                    copies.Remove(copy);
                }

                if (Remaining() == TimeSpan.Zero)
                {
                    throw new TimeoutException($"No copy of the call was answered within {timeout.TotalSeconds:0.#} s.");
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _hedgesInFlight);
        }
    }

    private bool TryStartHedge()
    {
        if (Interlocked.Increment(ref _hedgesInFlight) <= MaxHedgesInFlight)
        {
            return true;
        }

        Interlocked.Decrement(ref _hedgesInFlight);
        return false;
    }

    /// <summary>A failure a later attempt may not meet: the cluster was unreachable or slow, or the shard was moving.</summary>
    public static bool IsTransient(Exception e) =>
        e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or ShardFencedException
            or Orleans.Runtime.Messaging.ConnectionFailedException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster call attempt {Attempt} failed; retrying")]
    private static partial void LogRetry(ILogger logger, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster call attempt {Attempt} was in flight when a connection to a CoreApp closed; retrying")]
    private static partial void LogRetryAfterConnectionLoss(ILogger logger, int attempt);
}
