using Multiconnect.Contracts.Grains;

namespace Multiconnect.Gateway.Apis;

public sealed record ShardPlacement(int Shard, string Node, long Epoch, DateTimeOffset Since)
{
    public static ShardPlacement Of(ShardActivation shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return new(shard.ShardId, shard.Node, shard.Epoch, shard.ActiveSince);
    }
}
