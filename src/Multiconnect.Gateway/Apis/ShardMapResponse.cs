namespace Multiconnect.Gateway.Apis;

public sealed record ShardMapResponse(int Shards, long Generation, IReadOnlyList<ShardPlacement> Placements) : ApiResponse;
