namespace Multiconnect.Gateway.Apis;

/// <summary><c>{"stats":{"app"|"db":{"&lt;name&gt;":{…}}}}</c>, as the original answers /v1/stats/app and /v1/stats/db.</summary>
public sealed record StatsResponse(IReadOnlyDictionary<string, IReadOnlyDictionary<string, StatsMetric>> Stats) : ApiResponse;
