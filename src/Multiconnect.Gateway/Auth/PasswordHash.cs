using System.Security.Cryptography;
using System.Text;
using Multiconnect.Persistence;

namespace Multiconnect.Gateway.Auth;

/// <summary>
/// A salted, slow hash of a password: PBKDF2-HMAC-SHA256, 600,000 iterations (OWASP's 2023 figure). A stored
/// hash keeps its own iteration count, so that raising it later leaves existing passwords valid. Deriving one
/// takes a core for a fifth of a second or so: the gateway derives them through <see cref="PasswordHashing"/>.
/// </summary>
public sealed class PasswordHash
{
    public const int Iterations = 600_000;
    private readonly byte[] _salt;
    private readonly byte[] _hash;
    private readonly int _iterations;

    private PasswordHash(byte[] salt, byte[] hash, int iterations) => (_salt, _hash, _iterations) = (salt, hash, iterations);

    /// <summary>Sixteen random bytes, different for every password ever set: tokens name the password they were issued under by it.</summary>
    public byte[] Salt => _salt;

    public static PasswordHash Create(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new PasswordHash(salt, Derive(password, salt, Iterations), Iterations);
    }

    public static PasswordHash From(StoredPassword stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new PasswordHash(stored.Salt, stored.Hash, stored.Iterations);
    }

    public StoredPassword ToStored() => new(_salt, _hash, _iterations);

    public bool Matches(string password) => CryptographicOperations.FixedTimeEquals(Derive(password, _salt, _iterations), _hash);

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
}
