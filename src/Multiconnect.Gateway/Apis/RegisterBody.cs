namespace Multiconnect.Gateway.Apis;

/// <summary>The documented shape of POST /v1/account, for the OpenAPI document (pin only when two-step verification is on).</summary>
public sealed record RegisterBody(string Cc, string PhoneNumber, string Method, string Cert, string? Pin = null);
