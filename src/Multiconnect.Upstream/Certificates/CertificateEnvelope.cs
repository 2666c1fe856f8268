namespace Multiconnect.Upstream.Certificates;

/// <summary>
/// What a certificate's base64 decodes to: the document's exact bytes (base64) and the signature
/// over those bytes (base64 of the 64-byte r‖s ECDSA P-256 SHA-256 signature).
/// </summary>
public sealed record CertificateEnvelope(string Algorithm, string Document, string Signature)
{
    public const string Es256 = "ES256";
}
