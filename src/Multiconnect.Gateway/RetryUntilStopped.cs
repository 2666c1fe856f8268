namespace Multiconnect.Gateway;

/// <summary>
/// A gateway may start before any CoreApp: it keeps trying to reach the cluster (once a second)
/// instead of failing its start-up.
/// </summary>
internal sealed partial class RetryUntilStopped(ILogger<RetryUntilStopped> logger) : IClientConnectionRetryFilter
{
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LogRetry(logger, exception.Message);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot reach the cluster yet ({Reason}); retrying in 1 s")]
    private static partial void LogRetry(ILogger logger, string reason);
}
