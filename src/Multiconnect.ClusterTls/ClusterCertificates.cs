using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Orleans.Connections.Security;

namespace Multiconnect.ClusterTls;

/// <summary>
/// What a node needs for mutual TLS with its cluster: its own certificate with the private key, and
/// the CA certificate(s) its peers' certificates must chain to. Read once at start-up.
/// </summary>
public sealed class ClusterCertificates
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private ClusterCertificates(X509Certificate2 node, X509Certificate2Collection authorities)
    {
        Node = node;
        Authorities = authorities;
        Peers = new ClusterPeerCheck(authorities);
    }

    public X509Certificate2 Node { get; }

    public X509Certificate2Collection Authorities { get; }

    public ClusterPeerCheck Peers { get; }

    /// <summary>
    /// Reads <paramref name="options"/>' files, or throws naming the setting and file at fault. The node's
    /// own certificate must chain to the configured CA (a peer would refuse it otherwise) and allow
    /// client authentication, and server authentication too when <paramref name="acceptsConnections"/>
    /// (a silo; a gateway only dials out).
    /// </summary>
    public static ClusterCertificates Load(ClusterTlsOptions options, bool acceptsConnections)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (new ClusterTlsOptionsValidator().Validate(null, options) is { Failed: true } invalid)
        {
            throw new OptionsValidationException(ClusterTlsOptions.Section, typeof(ClusterTlsOptions), invalid.Failures);
        }

        const string section = ClusterTlsOptions.Section;
        var node = Read(() => string.IsNullOrWhiteSpace(options.PfxPath)
                ? X509Certificate2.CreateFromPemFile(options.CertificatePath!, options.KeyPath)
                : X509CertificateLoader.LoadPkcs12FromFile(options.PfxPath, options.PfxPassword),
            string.IsNullOrWhiteSpace(options.PfxPath) ? $"{section}:CertificatePath {options.CertificatePath} with its key" : $"{section}:PfxPath {options.PfxPath}");
        if (!node.HasPrivateKey)
        {
            throw new InvalidOperationException($"{section}: the certificate '{node.Subject}' was read without its private key.");
        }

        var authorities = new X509Certificate2Collection();
        Read(() => { authorities.ImportFromPemFile(options.CaPath!); return authorities; }, $"{section}:CaPath {options.CaPath}");
        if (authorities.Count == 0)
        {
            throw new InvalidOperationException($"{section}:CaPath: {options.CaPath} holds no PEM certificate.");
        }

        var certificates = new ClusterCertificates(node, authorities);
        if (certificates.Peers.Problem(node) is { } problem)
        {
            throw new InvalidOperationException(
                $"{section}: this node's own certificate would be refused by its peers: {problem}. Is {options.CaPath} the CA that signed it?");
        }

        foreach (var (usage, name) in acceptsConnections
                     ? new[] { (ClientAuthentication, "client"), (ServerAuthentication, "server") }
                     : [(ClientAuthentication, "client")])
        {
            if (!AllowsUsage(node, usage))
            {
                throw new InvalidOperationException(
                    $"{section}: the certificate '{node.Subject}' does not allow TLS {name} authentication (extended key usage {usage}).");
            }
        }

        return certificates;
    }

    /// <summary>Mutual TLS: each side presents its certificate and accepts the other's only if it chains to the cluster CA.</summary>
    public void Apply(TlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        tls.LocalCertificate = Node;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.CheckCertificateRevocation = false;

        // The TLS layer's own verdict (policy errors) is set aside on purpose: it judges the peer
        // against the machine's trusted roots and the host name dialled, while a cluster's peers are
        // dialled by IP address and trusted only through the cluster CA. The exception carries the
        // reason into Orleans' "Authentication failed" warning, which a plain false would not.
        tls.RemoteCertificateValidation = (certificate, chain, _) =>
            Peers.Problem(certificate, chain) is { } problem ? throw new AuthenticationException($"Refused a peer: {problem}.") : true;
    }

    private static T Read<T>(Func<T> read, string what)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException($"Could not read {what}: {e.Message}", e);
        }
    }

    /// <summary>A certificate without the extended key usage extension may be used for anything (RFC 5280, 4.2.1.12).</summary>
    private static bool AllowsUsage(X509Certificate2 certificate, string usage)
    {
        var extensions = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().ToList();
        return extensions.Count == 0 || extensions.Any(e => e.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == usage));
    }
}
