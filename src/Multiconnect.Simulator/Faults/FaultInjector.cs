using System.Collections.Concurrent;

namespace Multiconnect.Simulator.Faults;

/// <summary>
/// Faults switched on through the admin API, for every number (<see cref="AllNumbers"/>) or one:
/// latency added before each batch of a session's frames is handled, and refusing new sessions.
/// Each may last for a while or until cleared.
/// </summary>
public sealed class FaultInjector(TimeProvider clock)
{
    public const string AllNumbers = "*";

    private readonly ConcurrentDictionary<string, Fault> _latency = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Fault> _refusals = new(StringComparer.Ordinal);

    public void AddLatency(string? number, TimeSpan latency, TimeSpan? duration) =>
        _latency[number ?? AllNumbers] = new Fault(latency, Until(duration));

    public void RefuseSessions(string? number, TimeSpan duration) =>
        _refusals[number ?? AllNumbers] = new Fault(TimeSpan.Zero, Until(duration));

    public void Clear()
    {
        _latency.Clear();
        _refusals.Clear();
    }

    public TimeSpan LatencyFor(string number) =>
        _latency.IsEmpty ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(Active(_latency, AllNumbers)?.Latency.Ticks ?? 0, Active(_latency, number)?.Latency.Ticks ?? 0));

    /// <summary>Until when new sessions for <paramref name="number"/> are refused, or null when they are not.</summary>
    public DateTimeOffset? RefusingSessionsUntil(string number) =>
        _refusals.IsEmpty ? null : (Active(_refusals, number) ?? Active(_refusals, AllNumbers))?.Until;

    public IReadOnlyList<Fault> Describe(out IReadOnlyList<Fault> refusals)
    {
        refusals = [.. _refusals.Where(f => Active(_refusals, f.Key) is not null).Select(f => f.Value with { Scope = f.Key })];
        return [.. _latency.Where(f => Active(_latency, f.Key) is not null).Select(f => f.Value with { Scope = f.Key })];
    }

    private DateTimeOffset? Until(TimeSpan? duration) => duration is { } d ? clock.GetUtcNow() + d : null;

    private Fault? Active(ConcurrentDictionary<string, Fault> faults, string scope)
    {
        if (!faults.TryGetValue(scope, out var fault))
        {
            return null;
        }

        if (fault.Until is { } until && until <= clock.GetUtcNow())
        {
            faults.TryRemove(new KeyValuePair<string, Fault>(scope, fault));
            return null;
        }

        return fault;
    }
}
