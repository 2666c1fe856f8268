namespace Multiconnect.Simulator.Admin;

/// <summary>GET /v1/ca: the CA's public key as base64 DER SubjectPublicKeyInfo and as PEM.</summary>
public sealed record CaPublicKeyResponse(string Algorithm, string KeyId, string PublicKey, string PublicKeyPem);
