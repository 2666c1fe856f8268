using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Multiconnect.ClusterTls;

/// <summary>
/// A private cluster CA made on this machine, and the node certificates it signs: what `./mc up --tls`
/// and the tests use. Keys are ECDSA P-256. A deployment gets its certificates from cert-manager or
/// openssl instead (docs/operations.md); what they must satisfy is the same.
/// </summary>
public sealed class ClusterAuthority : IDisposable
{
    /// <summary>Allowed clock skew between the machine that issues and the ones that check.</summary>
    private static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);

    private ClusterAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>A new self-signed CA named <paramref name="name"/>, valid for <paramref name="validity"/>.</summary>
    public static ClusterAuthority Create(string name, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        return new ClusterAuthority(request.CreateSelfSigned(now - Backdate, now + validity));
    }

    /// <summary>The CA kept in PEM files (certificate and private key).</summary>
    public static ClusterAuthority Load(string certificatePath, string keyPath) =>
        new(X509Certificate2.CreateFromPemFile(certificatePath, keyPath));

    /// <summary>
    /// A node certificate for both ends of a connection (server and client authentication), named
    /// <paramref name="name"/> and, for tools that check names, localhost and the loopback addresses.
    /// </summary>
    public X509Certificate2 IssueNode(string name, TimeSpan validity)
    {
        var now = DateTimeOffset.UtcNow;
        return IssueNode(name, now - Backdate, now + validity);
    }

    public X509Certificate2 IssueNode(string name, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication"), new Oid("1.3.6.1.5.5.7.3.2", "Client Authentication")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var signed = request.Create(Certificate, notBefore, notAfter, SerialNumber());
        return signed.CopyWithPrivateKey(key);
    }

    public void Dispose() => Certificate.Dispose();

    /// <summary>Random and positive (RFC 5280 asks for at most 20 bytes, non-negative).</summary>
    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }
}
