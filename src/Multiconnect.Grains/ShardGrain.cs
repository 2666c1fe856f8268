using Multiconnect.Contracts.Grains;

namespace Multiconnect.Grains;

/// <summary>One shard. For now it only reports where it runs; it will own the shard's upstream session.</summary>
public sealed class ShardGrain(ILocalSiloDetails silo, TimeProvider clock) : Grain, IShardGrain
{
    private readonly DateTimeOffset _activeSince = clock.GetUtcNow();

    public Task<ShardActivation> DescribeAsync() =>
        Task.FromResult(new ShardActivation(
            (int)this.GetPrimaryKeyLong(),
            silo.SiloAddress.ToParsableString(),
            silo.Name,
            _activeSince));
}
