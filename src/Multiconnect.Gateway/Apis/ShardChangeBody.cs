namespace Multiconnect.Gateway.Apis;

/// <summary>The documented shape of POST /v1/account/shards, for the OpenAPI document (pin is optional).</summary>
public sealed record ShardChangeBody(string Cc, string PhoneNumber, int Shards, string Cert, string? Pin = null);
