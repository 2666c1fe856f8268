using Microsoft.Extensions.Logging.Abstractions;
using Multiconnect.Gateway.Cluster;

namespace Multiconnect.Tests.Unit.Gateway;

public sealed class ShardCallerTests
{
    private static readonly TimeSpan NoAnswer = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_call_in_flight_when_a_connection_to_a_coreapp_closes_is_retried_at_once()
    {
        using var loss = new GatewayConnectionLoss();
        var caller = new ShardCaller(null!, loss, NullLogger<ShardCaller>.Instance);
        var firstSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = 0;

        // The first attempt went through the CoreApp that crashed: it is never answered.
        var call = caller.CallAsync(_ =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                firstSent.SetResult();
                return new TaskCompletionSource<string>().Task;
            }

            return Task.FromResult("answered");
        }, NoAnswer, CancellationToken.None);
        await firstSent.Task;
        loss.OnGatewayCountChanged(null, new GatewayCountChangedEventArgs(currentNumberOfConnectedGateways: 2, previousNumberOfConnectedGateways: 3));

        // Without the retry this would wait for the five-minute attempt timeout.
        Assert.Equal("answered", await call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task A_new_connection_leaves_calls_in_flight_alone()
    {
        using var loss = new GatewayConnectionLoss();
        var caller = new ShardCaller(null!, loss, NullLogger<ShardCaller>.Instance);
        var answer = new TaskCompletionSource<string>();
        var attempts = 0;

        var call = caller.CallAsync(_ =>
        {
            Interlocked.Increment(ref attempts);
            return answer.Task;
        }, NoAnswer, CancellationToken.None);
        loss.OnGatewayCountChanged(null, new GatewayCountChangedEventArgs(currentNumberOfConnectedGateways: 3, previousNumberOfConnectedGateways: 2));
        answer.SetResult("answered");

        Assert.Equal("answered", await call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, attempts);
    }
}
