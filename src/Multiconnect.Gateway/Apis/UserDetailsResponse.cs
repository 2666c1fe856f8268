namespace Multiconnect.Gateway.Apis;

public sealed record UserDetailsResponse(IReadOnlyList<UserDetails> Users) : ApiResponse;
