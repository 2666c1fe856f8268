namespace Multiconnect.Gateway.Apis;

public sealed record MarkReadBody(string Status);
