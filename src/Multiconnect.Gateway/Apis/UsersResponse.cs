namespace Multiconnect.Gateway.Apis;

/// <summary>The original's answer to creating, changing or deleting a user: <c>{"users":[{"username"}]}</c>.</summary>
public sealed record UsersResponse(IReadOnlyList<UserName> Users) : ApiResponse;
