using Multiconnect.Contracts.Grains;

namespace Multiconnect.Persistence;

/// <summary>Where a shard reads the shard map in force when it activates or learns that it changed.</summary>
public interface IShardMapSource
{
    /// <summary>The map in force; one shard at generation 0 when none was stored yet.</summary>
    Task<ShardMapView> ReadAsync(CancellationToken cancellationToken);
}
