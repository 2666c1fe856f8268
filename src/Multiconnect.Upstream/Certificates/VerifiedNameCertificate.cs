namespace Multiconnect.Upstream.Certificates;

/// <summary>
/// The signed document inside a verified-name certificate: which phone number (country code and
/// national number, digits only) carries which verified business name, from when until when
/// (Unix seconds), and which CA key signed it.
/// </summary>
public sealed record VerifiedNameCertificate(
    int V,
    string Cc,
    string PhoneNumber,
    string VerifiedName,
    long IssuedAt,
    long ExpiresAt,
    string KeyId)
{
    public const int FormatVersion = 1;

    /// <summary>The number as the WhatsApp id: country code then national number.</summary>
    public string Number => Cc + PhoneNumber;

    public DateTimeOffset IssuedAtTime => DateTimeOffset.FromUnixTimeSeconds(IssuedAt);

    public DateTimeOffset ExpiresAtTime => DateTimeOffset.FromUnixTimeSeconds(ExpiresAt);
}
