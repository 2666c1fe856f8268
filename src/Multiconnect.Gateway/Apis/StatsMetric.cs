namespace Multiconnect.Gateway.Apis;

/// <summary>One figure of /v1/stats in the original's shape: <c>{"data":[{"labels":{…},"value":n}],"help":"…","type":"gauge|counter"}</c>.</summary>
public sealed record StatsMetric(IReadOnlyList<StatsSample> Data, string Help, string Type);
