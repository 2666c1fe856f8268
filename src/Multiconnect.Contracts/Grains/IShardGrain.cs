namespace Multiconnect.Contracts.Grains;

/// <summary>One shard of the business number's traffic, keyed by shard id (0 … shards − 1).</summary>
public interface IShardGrain : IGrainWithIntegerKey
{
    Task<ShardActivation> DescribeAsync();
}
