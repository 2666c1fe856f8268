namespace Multiconnect.Tests.Simulator.Infrastructure;

/// <summary>
/// One simulator for the tests that need no special configuration; each test uses its own business
/// number, so counters never mix. Receipts come quickly, and unacknowledged inbound messages are
/// sent again after 2 s.
/// </summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Receipts__DeliveredDelay"] = "00:00:00.020",
        ["Receipts__ReadDelay"] = "00:00:00.040",
        ["Receipts__DeliveredRatio"] = "1",
        ["Receipts__ReadRatio"] = "1",
        ["Inbound__RedeliverAfter"] = "00:00:02",
    };

    private RunningSimulator? _simulator;

    public RunningSimulator Simulator => _simulator ?? throw new InvalidOperationException("The simulator has not started.");

    public async Task InitializeAsync() => _simulator = await RunningSimulator.StartAsync(Settings);

    public async Task DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SimulatorCollection : ICollectionFixture<SimulatorFixture>
{
    public const string Name = "simulator";
}
