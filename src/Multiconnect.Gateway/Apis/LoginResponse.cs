namespace Multiconnect.Gateway.Apis;

public sealed record LoginResponse(IReadOnlyList<UserToken> Users) : ApiResponse;
