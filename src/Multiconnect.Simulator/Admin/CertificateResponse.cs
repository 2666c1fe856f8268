namespace Multiconnect.Simulator.Admin;

public sealed record CertificateResponse(string Cert, string KeyId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
