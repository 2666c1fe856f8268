using Microsoft.Extensions.Options;
using Multiconnect.Simulator.Numbers;

namespace Multiconnect.Simulator.Traffic;

/// <summary>Once a second: sends unacknowledged inbound messages again, and measures each session's throughput.</summary>
public sealed class SessionSweeper(IOptions<SimulatorOptions> options, BusinessNumbers numbers, TimeProvider clock) : BackgroundService
{
    private readonly TimeSpan _redeliverAfter = options.Value.Inbound.RedeliverAfter;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                foreach (var number in numbers.All)
                {
                    number.Sweep(_redeliverAfter);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
