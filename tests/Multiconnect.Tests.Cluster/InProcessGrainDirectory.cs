using System.Collections.Concurrent;
using Orleans.GrainDirectory;

namespace Multiconnect.Tests.Cluster;

/// <summary>The shard directory for an in-process test cluster: one dictionary shared by all its silos.</summary>
public sealed class InProcessGrainDirectory : IGrainDirectory
{
    private readonly ConcurrentDictionary<GrainId, GrainAddress> _entries = new();

    public Task<GrainAddress?> Register(GrainAddress address) => Register(address, null);

    public Task<GrainAddress?> Register(GrainAddress address, GrainAddress? previousAddress)
    {
        var winner = _entries.AddOrUpdate(
            address.GrainId,
            address,
            (_, existing) => previousAddress is not null && existing.ActivationId == previousAddress.ActivationId ? address : existing);
        return Task.FromResult<GrainAddress?>(winner);
    }

    public Task Unregister(GrainAddress address)
    {
        _entries.TryRemove(new KeyValuePair<GrainId, GrainAddress>(address.GrainId, address));
        return Task.CompletedTask;
    }

    public Task<GrainAddress?> Lookup(GrainId grainId) => Task.FromResult(_entries.TryGetValue(grainId, out var address) ? address : null);

    public Task UnregisterSilos(List<SiloAddress> siloAddresses)
    {
        foreach (var entry in _entries.Where(e => siloAddresses.Contains(e.Value.SiloAddress!)))
        {
            _entries.TryRemove(entry);
        }

        return Task.CompletedTask;
    }
}
