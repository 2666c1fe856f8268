using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;
using Multiconnect.Upstream.Client;

namespace Multiconnect.Harness;

/// <summary>A running simulator process: its admin API, and upstream sessions over WebSocket.</summary>
public sealed class RunningSimulator : SimulatorAdmin, IAsyncDisposable
{
    /// <summary>A client without the admin token, as a shard's.</summary>
    private static readonly HttpClient Plain = new() { Timeout = TimeSpan.FromSeconds(30) };

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

    /// <summary>The servers' media endpoint, as a shard of <paramref name="phone"/> holding <paramref name="cert"/> reaches it.</summary>
    public (UpstreamMedia Media, Uri Upstream, BusinessAccount Account) MediaOf(string phone, string cert) =>
        (new UpstreamMedia(Plain), Process.BaseAddress, new BusinessAccount(Cc, phone, cert));

    /// <summary>Puts <paramref name="content"/> on the servers as the file <paramref name="id"/> of <paramref name="phone"/>; null when stored, else the refusal.</summary>
    public Task<string?> PutMediaAsync(string phone, string cert, string id, string contentType, byte[] content)
    {
        var (media, upstream, account) = MediaOf(phone, cert);
        return media.PutAsync(upstream, account, id, contentType, content.Length, (stream, ct) => stream.WriteAsync(content, ct).AsTask(), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Dispose();
        await Process.DisposeAsync();
    }
}
