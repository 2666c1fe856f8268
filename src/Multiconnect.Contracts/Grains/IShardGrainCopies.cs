using Orleans.Concurrency;

namespace Multiconnect.Contracts.Grains;

/// <summary>
/// The shard calls the gateway sends again while the first is unanswered (ShardCaller's copies), the
/// same methods as on <see cref="IShardGrain"/> and answered by the same activation, but sent through the
/// next CoreApp's client port in turn. An Orleans client sends every call to one grain through the CoreApp
/// its bucket picked; when that CoreApp hangs, its connection stays open and the call waits. A copy goes
/// through another. Only copies go round robin: the first call keeps one connection per shard, whose
/// appends then arrive together and are committed in large groups (round robin for every call cost 40 %
/// of the throughput; docs/benchmarks.md).
/// </summary>
public interface IShardGrainCopies : IGrainWithIntegerKey
{
    /// <inheritdoc cref="IShardGrain.DescribeAsync"/>
    [RoundRobinGateways]
    Task<ShardActivation> DescribeAsync();

    /// <inheritdoc cref="IShardGrain.GetStatsAsync"/>
    [AlwaysInterleave, RoundRobinGateways]
    Task<ShardStats> GetStatsAsync();

    /// <inheritdoc cref="IShardGrain.AppendAsync"/>
    [AlwaysInterleave, RoundRobinGateways]
    Task AppendAsync(MessageToSend message);
}
