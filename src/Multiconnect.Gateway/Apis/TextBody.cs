namespace Multiconnect.Gateway.Apis;

public sealed record TextBody(string Body);
