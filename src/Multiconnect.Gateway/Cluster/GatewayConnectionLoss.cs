namespace Multiconnect.Gateway.Cluster;

/// <summary>
/// Tells calls in flight that the client lost its connection to one of the CoreApps it sends through
/// (their client ports). A call sent through a CoreApp that crashed never gets an answer, whichever
/// shard it was for; instead of waiting for its attempt timeout, <see cref="ShardCaller"/> retries it
/// at once through the remaining connections. Every call it makes may be repeated (an append carries
/// the id its retry is recognised by), so cancelling the calls that went through other CoreApps too
/// costs a few repeated requests, never a wrong result.
/// </summary>
public sealed class GatewayConnectionLoss : IDisposable
{
    private CancellationTokenSource _current = new();

    /// <summary>Cancelled at the next lost connection.</summary>
    public CancellationToken Token => Volatile.Read(ref _current).Token;

    /// <summary>Orleans' gateway-count handler: a lower count means a connection closed.</summary>
    public void OnGatewayCountChanged(object? sender, GatewayCountChangedEventArgs e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.NumberOfConnectedGateways < e.PreviousNumberOfConnectedGateways)
        {
            // The replaced source is not disposed: calls may still be linking to its token; it holds no timer.
            Interlocked.Exchange(ref _current, new CancellationTokenSource()).Cancel();
        }
    }

    public void Dispose() => _current.Dispose();
}
