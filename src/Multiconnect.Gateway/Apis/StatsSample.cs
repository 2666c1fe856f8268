namespace Multiconnect.Gateway.Apis;

public sealed record StatsSample(IReadOnlyDictionary<string, string> Labels, long Value)
{
    public static StatsSample Of(long value, params (string Name, string Value)[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return new(labels.ToDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal), value);
    }
}
