namespace Multiconnect.Gateway.Apis;

public sealed record MessageId(string Id);
