namespace Multiconnect.Persistence;

/// <summary>A password as stored: the salt, the PBKDF2-HMAC-SHA256 hash and its iteration count; never the password.</summary>
public sealed record StoredPassword(byte[] Salt, byte[] Hash, int Iterations);
