namespace Multiconnect.Gateway.Apis;

/// <summary>The documented shape of POST /v1/account/shards, for the OpenAPI document (cert and pin are optional).</summary>
public sealed record ShardChangeBody(string Cc, string PhoneNumber, int Shards, string? Cert = null, string? Pin = null);
