namespace Multiconnect.Gateway.Apis;

public sealed record UserToken(string Token, string ExpiresAfter);
