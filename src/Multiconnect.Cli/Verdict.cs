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
    long Misrouted,
    IReadOnlyList<ChaosEvent>? Events = null)
{
    /// <summary>Readable as printed: "2->4", not "2-\u003E4" (the output is for terminals and scripts, not HTML).</summary>
    internal static readonly JsonSerializerOptions Json = new(ClusterHome.Json)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Nothing accepted was lost, reordered or sent by a shard that did not own its recipient, every kill
    /// was followed by the shard serving again, and every change of the shard count was accepted.
    /// </summary>
    public bool Passed => Lost == 0 && OutOfOrder == 0 && Misrouted == 0 && (Events ?? []).All(e => e.Passed);

    public int Print(bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(this, Json));
        }
        else
        {
            foreach (var line in Lines())
            {
                Console.WriteLine(line);
            }
        }

        return Passed ? 0 : 1;
    }

    /// <summary>The verdict as printed without --json.</summary>
    public IEnumerable<string> Lines()
    {
        yield return $"accepted {Accepted:N0} at {Rate:N0} msg/s, p50 {P50Ms:0.0} ms, p99 {P99Ms:0.0} ms";
        yield return $"errors   {(Errors.Count == 0 ? "none" : string.Join(", ", Errors.Select(e => $"{e.Key}: {e.Value}")))}";
        yield return $"delivered {Delivered:N0}, lost {Lost}, duplicates {Duplicates}, out of order {OutOfOrder}, misrouted {Misrouted}";
        yield return Passed ? "PASS: nothing accepted was lost or reordered." : "FAIL: see lost, out of order, misrouted and the events above.";
    }
}

/// <summary>
/// One chaos event. A kill: the CoreApp signalled, the shard it owned, and how long until that shard
/// answered from a new owner (null: it never did). A change of the shard count ("2->4"): how long until
/// it was answered 201 (null: it was not), and until every shard acted under the new generation with
/// nothing held (null: not within the time allowed).
/// </summary>
internal sealed record ChaosEvent(
    string? Victim = null, string? Signal = null, int? Shard = null, double? RecoveryS = null,
    string? Change = null, double? AcceptedInS = null, double? HandoverS = null)
{
    public bool Passed => Change is null ? RecoveryS is not null : AcceptedInS is not null && HandoverS is not null;
}
