namespace Multiconnect.Upstream.Certificates;

public enum CertificateVerdict
{
    Valid,
    Missing,

    /// <summary>Malformed, or the signature does not verify with the CA's key (tampered, or another CA's).</summary>
    Invalid,

    /// <summary>Genuine, but for another phone number.</summary>
    WrongNumber,
    Expired,
    NotYetValid,
}
