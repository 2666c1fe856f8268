namespace Multiconnect.Grains.Placement;

/// <summary>
/// Which CoreApp silo each shard lives on (pure logic, kept by the master). A shard goes to a silo
/// that hosts no shard; only when none is free, to the least loaded one. A shard stays where it is
/// while its silo lives, except to fill a free silo while another hosts two or more.
/// </summary>
public sealed class ShardAssignment
{
    private readonly Dictionary<int, SiloAddress> _owners = [];

    public IReadOnlyDictionary<int, SiloAddress> Owners => _owners;

    public SiloAddress Place(int shardId, IReadOnlyCollection<SiloAddress> liveSilos)
    {
        ArgumentNullException.ThrowIfNull(liveSilos);
        if (liveSilos.Count == 0)
        {
            throw new InvalidOperationException("No live CoreApp silo can host a shard.");
        }

        if (_owners.TryGetValue(shardId, out var owner) && liveSilos.Contains(owner))
        {
            return owner;
        }

        var chosen = Load(liveSilos, exceptShard: shardId)
            .OrderBy(silo => silo.Value)
            .ThenBy(silo => silo.Key.ToParsableString(), StringComparer.Ordinal)
            .First().Key;
        _owners[shardId] = chosen;
        return chosen;
    }

    /// <summary>Records where a shard actually is.</summary>
    public void Record(int shardId, SiloAddress silo) => _owners[shardId] = silo;

    public void Forget(int shardId) => _owners.Remove(shardId);

    /// <summary>Forgets shards beyond the count and shards on silos that are gone.</summary>
    public void Retain(int shardCount, IReadOnlyCollection<SiloAddress> liveSilos)
    {
        ArgumentNullException.ThrowIfNull(liveSilos);
        foreach (var (shard, silo) in _owners.ToList())
        {
            if (shard >= shardCount || !liveSilos.Contains(silo))
            {
                _owners.Remove(shard);
            }
        }
    }

    /// <summary>A shard to move to a free silo, when one silo hosts two or more while another hosts none.</summary>
    public (int ShardId, SiloAddress To)? NextMove(IReadOnlyCollection<SiloAddress> liveSilos)
    {
        var load = Load(liveSilos, exceptShard: null);
        var free = load.Where(silo => silo.Value == 0).Select(silo => silo.Key).OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).FirstOrDefault();
        var crowded = load.Where(silo => silo.Value >= 2).OrderByDescending(silo => silo.Value).Select(silo => silo.Key).FirstOrDefault();
        if (free is null || crowded is null)
        {
            return null;
        }

        var shard = _owners.Where(owner => owner.Value.Equals(crowded)).Max(owner => owner.Key);
        return (shard, free);
    }

    private Dictionary<SiloAddress, int> Load(IReadOnlyCollection<SiloAddress> liveSilos, int? exceptShard)
    {
        var load = liveSilos.ToDictionary(silo => silo, _ => 0);
        foreach (var (shard, silo) in _owners)
        {
            if (shard != exceptShard && load.TryGetValue(silo, out var shards))
            {
                load[silo] = shards + 1;
            }
        }

        return load;
    }
}
