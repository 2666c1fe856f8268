using System.Security.Cryptography;

namespace Multiconnect.Upstream.Certificates;

/// <summary>
/// Verifies verified-name certificates offline with the CA's public key (the SubjectPublicKeyInfo
/// the simulator publishes at <c>GET /v1/ca</c>). Thread-safe.
/// </summary>
public sealed class CertificateVerifier : IDisposable
{
    /// <summary>How far in the future an issue time may lie before the certificate counts as not yet valid.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly ECDsa _publicKey;

    public CertificateVerifier(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        _publicKey = ECDsa.Create();
        _publicKey.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        if (_publicKey.KeySize != 256)
        {
            _publicKey.Dispose();
            throw new ArgumentException("The CA key must be an ECDSA P-256 key.", nameof(subjectPublicKeyInfo));
        }

        KeyId = CertificateCodec.KeyIdOf(subjectPublicKeyInfo);
    }

    public string KeyId { get; }

    /// <summary>Checks that <paramref name="certificate"/> is genuine, for this number (cc and phone, digits), and valid at <paramref name="now"/>.</summary>
    public CertificateCheck Verify(string? certificate, string cc, string phoneNumber, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(certificate))
        {
            return new(CertificateVerdict.Missing, "no certificate was given");
        }

        if (!CertificateCodec.TryOpen(certificate.Trim(), out var documentBytes, out var document, out var signature))
        {
            return new(CertificateVerdict.Invalid, "not a verified-name certificate (not base64 of a signed ES256 document, version 1)");
        }

        bool genuine;
        lock (_publicKey)
        {
            genuine = _publicKey.VerifyData(documentBytes, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        if (!genuine)
        {
            return new(CertificateVerdict.Invalid, $"the signature does not verify with CA key {KeyId}", document);
        }

        if (document.Cc != cc || document.PhoneNumber != phoneNumber)
        {
            return new(CertificateVerdict.WrongNumber, $"the certificate is for +{document.Cc} {document.PhoneNumber}, not +{cc} {phoneNumber}", document);
        }

        if (now >= document.ExpiresAtTime)
        {
            return new(CertificateVerdict.Expired, $"the certificate expired at {document.ExpiresAtTime:O}", document);
        }

        return document.IssuedAtTime > now + ClockSkew
            ? new(CertificateVerdict.NotYetValid, $"the certificate is valid only from {document.IssuedAtTime:O}", document)
            : new(CertificateVerdict.Valid, "valid", document);
    }

    public void Dispose() => _publicKey.Dispose();
}
