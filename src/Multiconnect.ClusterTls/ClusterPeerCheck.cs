using System.Security.Cryptography.X509Certificates;

namespace Multiconnect.ClusterTls;

/// <summary>
/// Whether a peer's certificate belongs to this cluster: it must chain to one of the cluster's CA
/// certificates, and to nothing else (the machine's trusted roots count for nothing here), and be
/// within its validity. Any certificate the private CA signed is a member: the CA is the boundary.
/// Revocation is not checked: a private CA publishes no revocation list; a leaked node key is
/// answered by replacing the CA (docs/operations.md).
/// </summary>
public sealed class ClusterPeerCheck
{
    private readonly X509Certificate2Collection _authorities;

    public ClusterPeerCheck(X509Certificate2Collection authorities)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        if (authorities.Count == 0)
        {
            throw new ArgumentException("At least one CA certificate is needed.", nameof(authorities));
        }

        _authorities = authorities;
    }

    /// <summary>
    /// Null when <paramref name="peer"/> chains to a cluster CA; otherwise why not. <paramref name="presented"/>,
    /// the chain the TLS layer built, lends only intermediate certificates the peer sent.
    /// </summary>
    public string? Problem(X509Certificate2 peer, X509Chain? presented = null)
    {
        ArgumentNullException.ThrowIfNull(peer);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        foreach (var element in presented?.ChainElements.Skip(1) ?? [])
        {
            chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }

        try
        {
            if (chain.Build(peer))
            {
                return null;
            }

            var statuses = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct();
            return $"the certificate '{peer.Subject}' (issuer '{peer.Issuer}', thumbprint {peer.Thumbprint}) " +
                $"does not chain to the cluster CA ({string.Join(", ", statuses)})";
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }
}
