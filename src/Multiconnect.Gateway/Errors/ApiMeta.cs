namespace Multiconnect.Gateway.Errors;

public sealed record ApiMeta(string ApiStatus, string Version);
