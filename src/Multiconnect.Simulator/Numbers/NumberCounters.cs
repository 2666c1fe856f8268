using System.Collections.Concurrent;
using System.Text.Json;

namespace Multiconnect.Simulator.Numbers;

/// <summary>The counters of one business number, and its refused sessions by reason. Thread-safe.</summary>
public sealed class NumberCounters
{
    private static readonly string[] Names = [.. Enum.GetNames<Counter>().Select(JsonNamingPolicy.SnakeCaseLower.ConvertName)];

    private readonly long[] _values = new long[Names.Length];
    private readonly ConcurrentDictionary<string, long> _refusedSessions = new(StringComparer.Ordinal);

    public void Increment(Counter counter) => Interlocked.Increment(ref _values[(int)counter]);

    public long this[Counter counter] => Volatile.Read(ref _values[(int)counter]);

    public void CountRefusedSession(string reason)
    {
        Increment(Counter.SessionsRefused);
        _refusedSessions.AddOrUpdate(reason, 1, static (_, count) => count + 1);
    }

    /// <summary>Every counter by its snake_case name, plus <c>fenced</c>: sessions and sends refused for an old epoch.</summary>
    public Dictionary<string, long> Snapshot()
    {
        var snapshot = new Dictionary<string, long>(Names.Length + 1, StringComparer.Ordinal);
        for (var i = 0; i < Names.Length; i++)
        {
            snapshot[Names[i]] = Volatile.Read(ref _values[i]);
        }

        snapshot["fenced"] = this[Counter.FencedSends] + this[Counter.FencedSessions];
        return snapshot;
    }

    public Dictionary<string, long> RefusedSessions() => new(_refusedSessions, StringComparer.Ordinal);
}
