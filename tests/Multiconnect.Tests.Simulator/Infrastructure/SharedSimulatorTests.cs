namespace Multiconnect.Tests.Simulator.Infrastructure;

/// <summary>Tests that share the one simulator of <see cref="SimulatorFixture"/>, each on a business number of its own.</summary>
[Collection(SimulatorCollection.Name)]
public abstract class SharedSimulatorTests(SimulatorFixture fixture)
{
    protected RunningSimulator Simulator { get; } = fixture.Simulator;
}
