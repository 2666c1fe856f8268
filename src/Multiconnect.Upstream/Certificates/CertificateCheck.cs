namespace Multiconnect.Upstream.Certificates;

/// <summary>The outcome of verifying a certificate, with the document when it could be read.</summary>
public sealed record CertificateCheck(CertificateVerdict Verdict, string Detail, VerifiedNameCertificate? Document = null)
{
    public bool IsValid => Verdict == CertificateVerdict.Valid;

    /// <summary>The reason a session is refused with, as <see cref="RefusalReasons"/> names it; null when valid.</summary>
    public string? RefusalReason => Verdict switch
    {
        CertificateVerdict.Valid => null,
        CertificateVerdict.Missing => RefusalReasons.CertificateMissing,
        CertificateVerdict.WrongNumber => RefusalReasons.CertificateWrongNumber,
        CertificateVerdict.Expired => RefusalReasons.CertificateExpired,
        CertificateVerdict.NotYetValid => RefusalReasons.CertificateNotYetValid,
        _ => RefusalReasons.CertificateInvalid,
    };
}
