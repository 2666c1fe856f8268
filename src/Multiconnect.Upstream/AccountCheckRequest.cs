namespace Multiconnect.Upstream;

/// <summary>
/// An account check, or a change of two-step verification: the number, the certificate presented for it
/// (base64, as in a hello), and the two-step PIN (a check: the account's PIN when two-step is on; a
/// change: the new PIN, null to turn two-step off).
/// </summary>
public sealed record AccountCheckRequest(string Cc, string Phone, string? Cert, string? Pin = null);
