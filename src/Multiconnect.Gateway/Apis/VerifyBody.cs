namespace Multiconnect.Gateway.Apis;

public sealed record VerifyBody(string Code);
