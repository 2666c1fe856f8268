namespace Multiconnect.Gateway.Apis;

/// <summary>The documented shape of POST /v1/users/login's optional body, for the OpenAPI document.</summary>
public sealed record LoginBody(string? NewPassword = null);
