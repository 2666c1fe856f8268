namespace Multiconnect.Upstream;

/// <summary>An account check: the number, and the certificate presented for it (base64, as in a hello).</summary>
public sealed record AccountCheckRequest(string Cc, string Phone, string? Cert);
