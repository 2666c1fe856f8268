using System.Security.Cryptography;
using System.Text;

namespace Multiconnect.Gateway.Auth;

/// <summary>A salted, slow hash of a password: PBKDF2-HMAC-SHA256, 600,000 iterations (OWASP's 2023 figure).</summary>
public sealed class PasswordHash
{
    private const int Iterations = 600_000;
    private readonly byte[] _salt;
    private readonly byte[] _hash;

    private PasswordHash(byte[] salt, byte[] hash) => (_salt, _hash) = (salt, hash);

    public static PasswordHash Create(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new PasswordHash(salt, Derive(password, salt));
    }

    public bool Matches(string password) => CryptographicOperations.FixedTimeEquals(Derive(password, _salt), _hash);

    private static byte[] Derive(string password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
}
