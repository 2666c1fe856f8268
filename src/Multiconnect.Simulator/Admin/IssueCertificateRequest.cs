namespace Multiconnect.Simulator.Admin;

/// <summary>
/// POST /admin/certificates. Valid from now for <see cref="ValidDays"/> (default 30), or until
/// <see cref="ExpiresAt"/>; an expiry in the past issues an already expired certificate, for tests.
/// </summary>
public sealed record IssueCertificateRequest(string? Cc, string? Phone, string? Name, int? ValidDays, DateTimeOffset? ExpiresAt);
