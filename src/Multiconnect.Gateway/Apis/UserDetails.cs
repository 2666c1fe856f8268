using System.Text.Json.Serialization;

namespace Multiconnect.Gateway.Apis;

/// <summary>One user as GET /v1/users/{name} shows it, in the original's spelling: <c>{"ROLES":"ROLE_USER","username"}</c>.</summary>
public sealed record UserDetails([property: JsonPropertyName("ROLES")] string Roles, string Username);
