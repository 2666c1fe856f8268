using System.Diagnostics;
using Multiconnect.Contracts.Grains;

namespace Multiconnect.Gateway.Cluster;

/// <summary>
/// Calls into the cluster without ever waiting long on a dead or hung CoreApp: each attempt gets a
/// short timeout, and a failed attempt is retried (reaching the shard's new activation once the
/// master has re-placed it) until one overall deadline. An attempt in flight when the client loses a
/// connection to a CoreApp is retried at once (<see cref="GatewayConnectionLoss"/>). Values and
/// reasons: docs/failover.md.
/// </summary>
public sealed partial class ShardCaller(IClusterClient cluster, GatewayConnectionLoss connectionLoss, ILogger<ShardCaller> logger)
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(12);

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

    /// <summary>One attempt, no retry.</summary>
    public Task<T> CallOnceAsync<T>(Func<IClusterClient, Task<T>> call, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call(cluster).WaitAsync(timeout);
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
                return await call(cluster).WaitAsync(attemptTimeout, attemptEnds.Token);
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

    /// <summary>A failure a later attempt may not meet: the cluster was unreachable or slow, or the shard was moving.</summary>
    public static bool IsTransient(Exception e) =>
        e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or ShardFencedException
            or Orleans.Runtime.Messaging.ConnectionFailedException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster call attempt {Attempt} failed; retrying")]
    private static partial void LogRetry(ILogger logger, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster call attempt {Attempt} was in flight when a connection to a CoreApp closed; retrying")]
    private static partial void LogRetryAfterConnectionLoss(ILogger logger, int attempt);
}
