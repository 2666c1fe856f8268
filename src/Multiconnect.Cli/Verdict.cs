using System.Text.Json;
using System.Text.Json.Serialization;

namespace Multiconnect.Cli;

/// <summary>What `load` and `chaos` report: the load as the client saw it, and the simulator's count of what arrived.</summary>
internal sealed record Verdict(
    long Accepted,
    double Rate,
    double P50Ms,
    double P99Ms,
    IReadOnlyDictionary<string, int> Errors,
    long Delivered,
    long Lost,
    long Duplicates,
    long OutOfOrder,
    IReadOnlyList<ChaosEvent>? Events = null)
{
    private static readonly JsonSerializerOptions Json = new(ClusterHome.Json) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Nothing accepted was lost or reordered, and every kill was followed by the shard serving again.</summary>
    public bool Passed => Lost == 0 && OutOfOrder == 0 && (Events ?? []).All(e => e.RecoveryS is not null);

    public int Print(bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(this, Json));
        }
        else
        {
            Console.WriteLine($"accepted {Accepted:N0} at {Rate:N0} msg/s, p50 {P50Ms:0.0} ms, p99 {P99Ms:0.0} ms");
            Console.WriteLine($"errors   {(Errors.Count == 0 ? "none" : string.Join(", ", Errors.Select(e => $"{e.Key}: {e.Value}")))}");
            Console.WriteLine($"delivered {Delivered:N0}, lost {Lost}, duplicates {Duplicates}, out of order {OutOfOrder}");
            Console.WriteLine(Passed ? "PASS: nothing accepted was lost or reordered." : "FAIL: see lost, out of order and the events above.");
        }

        return Passed ? 0 : 1;
    }
}

/// <summary>One chaos event: the CoreApp signalled, the shard it owned, and how long until that shard answered from a new owner (null: it never did).</summary>
internal sealed record ChaosEvent(string Victim, string Signal, int Shard, double? RecoveryS);
