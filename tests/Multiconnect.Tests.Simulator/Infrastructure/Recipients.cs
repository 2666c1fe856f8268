using System.Globalization;
using Multiconnect.Contracts.Routing;

namespace Multiconnect.Tests.Simulator.Infrastructure;

/// <summary>WhatsApp ids that route to a given shard, found with the same routing code the simulator uses.</summary>
public static class Recipients
{
    public static string[] InShard(int shard, int shards, int count = 1, string prefix = "4477009") =>
        [.. Enumerable.Range(0, 100_000)
            .Select(i => RecipientId.Parse(prefix + i.ToString("D5", CultureInfo.InvariantCulture)))
            .Where(r => ShardRouter.ShardFor(r, ShardCount.From(shards)) == shard)
            .Take(count)
            .Select(r => r.Value)];
}
