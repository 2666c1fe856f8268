namespace Multiconnect.Gateway.Errors;

/// <summary>
/// Endpoint metadata: when this endpoint cannot be served now (the cluster or the database is away, even
/// before it runs, while the token is checked), the answer is the original's 403 "temporarily
/// unavailable, retry" (code 1011) rather than 503. <c>POST /v1/account/shards</c> documents it so.
/// </summary>
public sealed class UnavailableIsForbidden
{
    public static UnavailableIsForbidden Instance { get; } = new();
}
