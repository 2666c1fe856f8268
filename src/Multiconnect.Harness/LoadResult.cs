namespace Multiconnect.Harness;

/// <summary>What a <see cref="MessageLoad"/> run saw: accepted sends, their latency, errors by code, and each recipient's accepted ids in order.</summary>
public sealed record LoadResult(
    int Accepted,
    TimeSpan Elapsed,
    double P50Ms,
    double P99Ms,
    IReadOnlyDictionary<string, int> Errors,
    IReadOnlyDictionary<string, IReadOnlyList<string>> AcceptedIds)
{
    public double Rate => Accepted / Elapsed.TotalSeconds;
}
