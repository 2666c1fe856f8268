namespace Multiconnect.Simulator.Admin;

/// <summary>Counters summed over all numbers, then each number's view.</summary>
public sealed record StatsResponse(IReadOnlyDictionary<string, long> Totals, IReadOnlyList<NumberStats> Numbers);
