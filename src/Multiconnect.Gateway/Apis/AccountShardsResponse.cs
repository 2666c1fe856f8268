namespace Multiconnect.Gateway.Apis;

public sealed record AccountShardsResponse(AccountShards Account) : ApiResponse;
