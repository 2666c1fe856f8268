using Multiconnect.Contracts.Grains;
using Multiconnect.Management;

namespace Multiconnect.Gateway.Cluster;

/// <summary>
/// A gateway is ready while it can reach the cluster: its Orleans client is connected and reading the
/// shard map succeeded. The answer is kept for a second, so probes cost at most one cheap call a second.
/// </summary>
public sealed partial class ClusterReadiness(ShardCaller caller, TimeProvider clock, ILogger<ClusterReadiness> logger) : IReadinessProbe
{
    private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private (Task<Readiness> Answer, DateTimeOffset AskedAt)? _last;

    public Task<Readiness> CheckAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (_last is not { } last || now - last.AskedAt >= FreshFor)
            {
                _last = last = (AskAsync(), now);
            }

            return last.Answer;
        }
    }

    private async Task<Readiness> AskAsync()
    {
        try
        {
            await caller.CallOnceAsync(c => c.GetGrain<IShardMapGrain>(IShardMapGrain.Key).GetAsync(), CallTimeout);
            return Readiness.Ready;
        }
        catch (Exception e)
        {
            LogUnreachable(logger, e);
            return Readiness.ClusterUnreachable;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready: the cluster cannot be reached")]
    private static partial void LogUnreachable(ILogger logger, Exception exception);
}
