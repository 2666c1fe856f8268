using Multiconnect.Contracts.Grains;

namespace Multiconnect.Gateway.Apis;

/// <summary>
/// Where a shard runs, under which epoch and since when; the generation of the shard map it acts under;
/// its part in a handover: buckets of recipients it gained and holds until another shard has delivered
/// their earlier messages, the messages waiting meanwhile, and whether it is draining (beyond the count).
/// </summary>
public sealed record ShardPlacement(int Shard, string Node, long Epoch, DateTimeOffset Since, long Generation, int HeldBuckets, int HeldMessages, bool Draining)
{
    public static ShardPlacement Of(ShardActivation shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return new(shard.ShardId, shard.Node, shard.Epoch, shard.ActiveSince, shard.Generation, shard.HeldBuckets, shard.HeldMessages, shard.Draining);
    }
}
