namespace Multiconnect.Gateway.Apis;

public sealed record UserName(string Username);
