using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Apis;

/// <summary>The original's answer to a logout: only <c>{"meta":{…}}</c>.</summary>
public sealed record LogoutResponse(ApiMeta Meta);
