namespace Multiconnect.Persistence;

/// <summary>
/// An issued bearer token as stored: only the SHA-256 of the token, never the token. <paramref name="PasswordSalt"/>
/// names the password it was issued under (null: the admin's initial password, from the environment).
/// </summary>
public sealed record ApiToken(byte[] Hash, string UserName, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, byte[]? PasswordSalt);
