namespace Multiconnect.Gateway.Apis;

/// <summary>The documented shape of POST /v1/users, for the OpenAPI document.</summary>
public sealed record CreateUserBody(string Username, string Password);
