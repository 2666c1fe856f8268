namespace Multiconnect.Upstream.Client;

/// <summary>A message to send upstream: its id (unique per business number), the canonical recipient id and the body.</summary>
public sealed record OutboundMessage(string Id, string To, string Body);
