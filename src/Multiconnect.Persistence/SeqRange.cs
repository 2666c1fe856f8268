namespace Multiconnect.Persistence;

/// <summary><paramref name="Count"/> rows whose seq lay from <paramref name="First"/> to <paramref name="Last"/>; none when Count is 0.</summary>
public sealed record SeqRange(long Count, long First, long Last)
{
    public static readonly SeqRange Empty = new(0, 0, 0);

    /// <summary>Both ranges as one: the counts added, from the lower first to the higher last.</summary>
    public SeqRange Add(SeqRange other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Count == 0 ? this
            : Count == 0 ? other
            : new SeqRange(Count + other.Count, Math.Min(First, other.First), Math.Max(Last, other.Last));
    }
}
