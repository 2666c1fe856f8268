using System.Security.Cryptography;
using Multiconnect.Simulator.Numbers;
using Multiconnect.Upstream.Certificates;

namespace Multiconnect.Simulator.Authority;

/// <summary>
/// Issues verified-name certificates with an ECDSA P-256 key kept in a PEM file, created on first
/// use (readable by its owner only). The public key is published so that anyone can verify offline.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    public const int MaxVerifiedNameLength = 256;
    public const int MaxValidDays = 3650;

    private readonly ECDsa _key;

    private CertificateAuthority(ECDsa key, string keyPath, bool created)
    {
        _key = key;
        KeyPath = keyPath;
        Created = created;
        PublicKey = key.ExportSubjectPublicKeyInfo();
        KeyId = CertificateCodec.KeyIdOf(PublicKey);
        Verifier = new CertificateVerifier(PublicKey);
    }

    public string KeyPath { get; }

    /// <summary>True when this start created the key file.</summary>
    public bool Created { get; }

    public string KeyId { get; }

    /// <summary>The public key as DER SubjectPublicKeyInfo.</summary>
    public byte[] PublicKey { get; }

    public string PublicKeyPem => PemEncoding.WriteString("PUBLIC KEY", PublicKey);

    public CertificateVerifier Verifier { get; }

    /// <summary>Loads the key at <paramref name="keyPath"/>, or creates it there when the file does not exist.</summary>
    public static CertificateAuthority Open(string keyPath)
    {
        var path = Path.GetFullPath(keyPath);
        var key = ECDsa.Create();
        try
        {
            var created = false;
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                created = TryCreateFile(path, fresh.ExportPkcs8PrivateKeyPem());
            }

            key.ImportFromPem(File.ReadAllText(path));
            return key.KeySize == 256
                ? new CertificateAuthority(key, path, created)
                : throw new InvalidOperationException($"The CA key in {path} is not an ECDSA P-256 key.");
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>What is wrong with a certificate request, or null when it can be issued.</summary>
    public static string? Problem(string? cc, string? phone, string? verifiedName, DateTimeOffset issuedAt, DateTimeOffset expiresAt) =>
        PhoneNumber.Problem(cc, phone)
        ?? (string.IsNullOrWhiteSpace(verifiedName) || verifiedName.Length > MaxVerifiedNameLength
            ? $"name must be the verified business name, 1 to {MaxVerifiedNameLength} characters"
            : null)
        ?? (expiresAt <= issuedAt || expiresAt > issuedAt.AddDays(MaxValidDays + 1)
            ? $"the certificate must expire after it is issued and within {MaxValidDays} days"
            : null);

    /// <summary>
    /// What is wrong with a requested validity (<paramref name="validDays"/> from <paramref name="now"/>, or until
    /// <paramref name="expiresAt"/>), checked before any date is computed from it; null when it is usable.
    /// </summary>
    public static string? ValidityProblem(long? validDays, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        validDays is < 1 or > MaxValidDays ? $"valid_days must be between 1 and {MaxValidDays}, not {validDays}"
        : expiresAt is { } expiry && (expiry > now.AddDays(MaxValidDays) || expiry < now.AddDays(-MaxValidDays))
            ? $"expires_at must be within {MaxValidDays} days of now, not {expiry:O}"
        : null;

    public string Issue(string cc, string phone, string verifiedName, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        var problem = Problem(cc, phone, verifiedName, issuedAt, expiresAt);
        if (problem is not null)
        {
            throw new ArgumentException(problem);
        }

        var document = new VerifiedNameCertificate(
            VerifiedNameCertificate.FormatVersion, cc, phone, verifiedName.Trim(), issuedAt.ToUnixTimeSeconds(), expiresAt.ToUnixTimeSeconds(), KeyId);
        lock (_key)
        {
            return CertificateCodec.Sign(document, _key);
        }
    }

    public void Dispose()
    {
        _key.Dispose();
        Verifier.Dispose();
    }

    /// <summary>Writes a new key file, owner-only; false when another process created it first.</summary>
    private static bool TryCreateFile(string path, string pem)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
            writer.Write(pem);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }
}
