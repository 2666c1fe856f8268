using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;

namespace Multiconnect.Upstream.Certificates;

/// <summary>
/// The certificate format: base64 of the JSON <see cref="CertificateEnvelope"/>, which holds the
/// JSON <see cref="VerifiedNameCertificate"/> as exact bytes and an ES256 signature over them.
/// Signing the bytes, not a re-serialisation, means no canonical JSON is needed.
/// </summary>
public static class CertificateCodec
{
    public static string Sign(VerifiedNameCertificate document, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var documentBytes = JsonSerializer.SerializeToUtf8Bytes(document, CertificateJsonContext.Default.VerifiedNameCertificate);
        var signature = key.SignData(documentBytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var envelope = new CertificateEnvelope(CertificateEnvelope.Es256, Convert.ToBase64String(documentBytes), Convert.ToBase64String(signature));
        return Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(envelope, CertificateJsonContext.Default.CertificateEnvelope));
    }

    /// <summary>Splits a certificate into its document bytes, the document and the signature, without checking the signature.</summary>
    public static bool TryOpen(
        string certificate,
        [NotNullWhen(true)] out byte[]? documentBytes,
        [NotNullWhen(true)] out VerifiedNameCertificate? document,
        [NotNullWhen(true)] out byte[]? signature)
    {
        (documentBytes, document, signature) = (null, null, null);
        try
        {
            var envelope = JsonSerializer.Deserialize(Convert.FromBase64String(certificate), CertificateJsonContext.Default.CertificateEnvelope);
            if (envelope?.Algorithm != CertificateEnvelope.Es256)
            {
                return false;
            }

            documentBytes = Convert.FromBase64String(envelope.Document);
            signature = Convert.FromBase64String(envelope.Signature);
            document = JsonSerializer.Deserialize(documentBytes, CertificateJsonContext.Default.VerifiedNameCertificate);
            return document is { V: VerifiedNameCertificate.FormatVersion };
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A short id of a public key: the first 8 bytes of SHA-256 over its SubjectPublicKeyInfo, in hex.</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo)[..8]);
}
