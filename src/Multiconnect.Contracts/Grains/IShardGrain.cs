namespace Multiconnect.Contracts.Grains;

/// <summary>One shard of the business number's traffic, keyed by shard id (0 … shards − 1).</summary>
public interface IShardGrain : IGrainWithIntegerKey
{
    /// <summary>Where this shard is active, under which epoch, since when. Activates it if need be.</summary>
    Task<ShardActivation> DescribeAsync();

    /// <summary>Stops the shard: gives up its lease and deactivates (the count shrank, or it moves to another silo).</summary>
    Task RetireAsync();
}
