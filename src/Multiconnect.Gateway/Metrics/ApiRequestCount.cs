namespace Multiconnect.Gateway.Metrics;

/// <summary>How many requests this gateway answered for one route pattern, method and HTTP status.</summary>
public sealed record ApiRequestCount(string Endpoint, string Method, int Status, long Count);
