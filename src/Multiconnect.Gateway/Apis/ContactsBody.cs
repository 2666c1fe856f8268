namespace Multiconnect.Gateway.Apis;

/// <summary>The documented shape of POST /v1/contacts, for the OpenAPI document (blocking and force_check are accepted and change nothing).</summary>
public sealed record ContactsBody(IReadOnlyList<string> Contacts, string? Blocking = null, bool? ForceCheck = null);
