namespace Multiconnect.Gateway.Apis;

public sealed record AccountShards(int Shards);
