namespace Multiconnect.Gateway.Apis;

/// <summary>The documented shape of POST /v1/account/shards, for the OpenAPI document.</summary>
public sealed record ShardChangeBody(string Cc, string PhoneNumber, int Shards, string? Pin, string Cert);
