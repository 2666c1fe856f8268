namespace Multiconnect.Gateway.Apis;

public sealed record StatsSample(IReadOnlyDictionary<string, string> Labels, long Value);
