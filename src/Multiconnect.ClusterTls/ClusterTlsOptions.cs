namespace Multiconnect.ClusterTls;

/// <summary>
/// Multiconnect:ClusterTls: mutual TLS on the Orleans connections, silo to silo and gateway to silo.
/// Environment: Multiconnect__ClusterTls__Enabled, …__CertificatePath and so on. The same settings
/// serve the CoreApp and the gateway. Checked at start-up (<see cref="ClusterTlsOptionsValidator"/>).
/// Not the HTTP API: that is the gateway's Kestrel, configured on its own.
/// </summary>
public sealed class ClusterTlsOptions
{
    public const string Section = "Multiconnect:ClusterTls";

    /// <summary>Off by default: the Orleans ports then speak plaintext to anyone who reaches them.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// This node's certificate, PEM (tls.crt in a cert-manager Secret). Its key is read from
    /// <see cref="KeyPath"/>, or from this file when no key path is given.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The private key of <see cref="CertificatePath"/>, PEM (tls.key).</summary>
    public string? KeyPath { get; set; }

    /// <summary>Instead of the PEM pair: a PKCS#12 file holding the certificate and its key.</summary>
    public string? PfxPath { get; set; }

    /// <summary>The password of <see cref="PfxPath"/>; give it as Multiconnect__ClusterTls__PfxPassword from a Secret, not in a file.</summary>
    public string? PfxPassword { get; set; }

    /// <summary>
    /// The cluster's CA certificate(s), PEM (ca.crt): a peer is accepted only when its certificate
    /// chains to one of them. While the CA is being replaced this file holds the old and the new one.
    /// </summary>
    public string? CaPath { get; set; }
}
