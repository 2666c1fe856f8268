using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Multiconnect.Contracts.Grains;
using Multiconnect.Gateway.Cluster;

namespace Multiconnect.Tests.Unit.Gateway;

public sealed class ShardCallerTests : IDisposable
{
    private static readonly TimeSpan NoAnswer = TimeSpan.FromMinutes(5);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    private ShardCaller NewCaller(GatewayConnectionLoss loss, TimeSpan? copyAfter = null) =>
        new(null!, loss, _services.GetRequiredService<IMeterFactory>(), NullLogger<ShardCaller>.Instance, copyAfter);

    [Fact]
    public async Task A_call_in_flight_when_a_connection_to_a_coreapp_closes_is_retried_at_once()
    {
        using var loss = new GatewayConnectionLoss();
        var caller = NewCaller(loss);
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
        var caller = NewCaller(loss);
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

    [Fact]
    public async Task An_unanswered_call_is_copied_twice_and_the_first_answer_counts()
    {
        using var loss = new GatewayConnectionLoss();
        var caller = NewCaller(loss, TimeSpan.FromMilliseconds(20));
        var (calls, copies) = (0, 0);
        var counted = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "multiconnect.shard_call.copies" && instrument.Meter.Scope == _services.GetRequiredService<IMeterFactory>())
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref counted, value));
        listener.Start();

        // The call and the first copy went through a hung CoreApp: never answered, and no connection closes.
        var answer = await caller.CallAsync(
            _ =>
            {
                Interlocked.Increment(ref calls);
                return new TaskCompletionSource<string>().Task;
            },
            _ => Interlocked.Increment(ref copies) == 1 ? new TaskCompletionSource<string>().Task : Task.FromResult("copy answered"),
            CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("copy answered", answer);
        Assert.Equal((1, 2, 2L), (calls, copies, Interlocked.Read(ref counted)));
    }

    [Fact]
    public async Task A_copy_that_fails_for_good_is_the_answer()
    {
        using var loss = new GatewayConnectionLoss();
        var caller = NewCaller(loss, TimeSpan.FromMilliseconds(20));
        var copies = 0;

        var call = caller.CallAsync<string>(
            _ => new TaskCompletionSource<string>().Task,
            _ => Interlocked.Increment(ref copies) == 1
                ? Task.FromException<string>(new InvalidOperationException("refused"))
                : new TaskCompletionSource<string>().Task,
            CancellationToken.None);

        Assert.Equal("refused", (await Assert.ThrowsAsync<InvalidOperationException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)))).Message);
        Assert.Equal(2, copies);
    }

    [Fact]
    public async Task Copies_that_fail_for_a_while_leave_the_call_to_answer()
    {
        using var loss = new GatewayConnectionLoss();
        var caller = NewCaller(loss, TimeSpan.FromMilliseconds(20));
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var copies = 0;

        // Both copies meet a shard that is moving (transient); the call itself is answered after them.
        var call = caller.CallOnceAsync(_ => answer.Task, NoAnswer, _ =>
        {
            if (Interlocked.Increment(ref copies) == 2)
            {
                answer.SetResult("answered");
            }

            return Task.FromException<string>(new ShardFencedException("moving"));
        });

        Assert.Equal("answered", await call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, copies);
    }

    [Fact]
    public async Task A_call_without_a_copy_is_sent_once_per_attempt_however_long_it_waits()
    {
        using var loss = new GatewayConnectionLoss();
        var caller = NewCaller(loss, TimeSpan.FromMilliseconds(1));
        var calls = 0;

        await Assert.ThrowsAsync<TimeoutException>(() => caller.CallOnceAsync(_ =>
        {
            Interlocked.Increment(ref calls);
            return new TaskCompletionSource<string>().Task;
        }, TimeSpan.FromMilliseconds(200)));

        Assert.Equal(1, calls);
    }
}
