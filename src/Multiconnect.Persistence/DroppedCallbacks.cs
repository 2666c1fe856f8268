namespace Multiconnect.Persistence;

/// <summary>Undelivered callbacks dropped beyond the backlog's bounds: too old (<paramref name="ByAge"/>), or too many waiting (<paramref name="ByCount"/>).</summary>
public sealed record DroppedCallbacks(SeqRange ByAge, SeqRange ByCount)
{
    public long Count => ByAge.Count + ByCount.Count;
}
