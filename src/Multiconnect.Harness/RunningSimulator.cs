using Multiconnect.Contracts.Routing;
using Multiconnect.Upstream.Client;

namespace Multiconnect.Harness;

/// <summary>A running simulator process: its admin API, and upstream sessions over WebSocket.</summary>
public sealed class RunningSimulator : SimulatorAdmin, IAsyncDisposable
{
    private RunningSimulator(SimulatorProcess process)
        : base(process.BaseAddress, process.AdminToken) => Process = process;

    public SimulatorProcess Process { get; }

    public static async Task<RunningSimulator> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? caKeyPath = null)
    {
        var process = SimulatorProcess.Start(settings, caKeyPath);
        try
        {
            await process.WaitUntilReadyAsync();
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new RunningSimulator(process);
    }

    public Task<UpstreamSession> OpenAsync(string phone, string? cert, int shard = 0, int shards = 1, long epoch = 1, int window = 256) =>
        UpstreamSession.ConnectAsync(new UpstreamSessionOptions
        {
            Endpoint = UpstreamSessionOptions.EndpointFor(Process.BaseAddress),
            Cc = Cc,
            Phone = phone,
            Shard = shard,
            Shards = ShardCount.From(shards),
            Epoch = epoch,
            Certificate = cert,
            Window = window,
            ClientName = "test",
        });

    public async ValueTask DisposeAsync()
    {
        Dispose();
        await Process.DisposeAsync();
    }
}
