namespace Multiconnect.Gateway.Apis;

/// <summary>The documented shape of PUT /v1/users/{name}, for the OpenAPI document.</summary>
public sealed record UpdateUserBody(string Password);
