using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Multiconnect.Contracts.Messaging;
using Multiconnect.Contracts.Routing;
using Multiconnect.Simulator.Media;
using Multiconnect.Simulator.Numbers;
using Multiconnect.Upstream;

namespace Multiconnect.Simulator.Traffic;

/// <summary>Simulated users writing to every known business number at the configured rate, messages of the configured types mixed at random.</summary>
public sealed class InboundUsers(IOptions<SimulatorOptions> options, BusinessNumbers numbers, MediaHost media, TimeProvider clock) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    private readonly InboundOptions _options = options.Value.Inbound;
    private long _written;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.MessagesPerSecond <= 0)
        {
            return;
        }

        RecipientId[] users = [.. Enumerable.Range(0, _options.Users)
            .Select(i => RecipientId.Parse(_options.UserPrefix + i.ToString("D5", CultureInfo.InvariantCulture)))];
        string[] types = _options.Types.Count > 0 ? [.. _options.Types] : [MessageTypes.Text];
        using var timer = new PeriodicTimer(Tick, clock);
        var budget = 0.0;
        var last = Stopwatch.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = Stopwatch.GetTimestamp();
                budget += _options.MessagesPerSecond * Stopwatch.GetElapsedTime(last, now).TotalSeconds;
                last = now;
                var count = (int)budget;
                budget -= count;
                for (var i = 0; i < count; i++)
                {
                    var from = users[Random.Shared.Next(users.Length)];
                    var type = types[Random.Shared.Next(types.Length)];
                    var body = InboundContent.Sample(type, from.Value, ++_written, media);
                    foreach (var number in numbers.All)
                    {
                        // Only numbers with a live session: an abandoned number's held queue would grow forever.
                        if (number.HasLiveSession)
                        {
                            number.AddInbound(from, body, clock.GetUtcNow().ToUnixTimeMilliseconds(), type: type);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
