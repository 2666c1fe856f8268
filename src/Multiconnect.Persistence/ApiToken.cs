namespace Multiconnect.Persistence;

/// <summary>An issued bearer token as stored: only the SHA-256 of the token, never the token.</summary>
public sealed record ApiToken(byte[] Hash, string UserName, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
