namespace Multiconnect.Upstream;

/// <summary>The registration code the number received: the right one registers the number.</summary>
public sealed record AccountVerifyRequest(string Cc, string Phone, string Code);
