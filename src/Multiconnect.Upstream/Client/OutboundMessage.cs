using Multiconnect.Contracts.Messaging;

namespace Multiconnect.Upstream.Client;

/// <summary>
/// A message to send upstream: its id (unique per business number), the canonical recipient id and the
/// body; <see cref="Shards"/> and <see cref="Generation"/>: the shard map it was accepted under (0: unknown);
/// <see cref="Type"/>: the original's message type, the body being the JSON of its object unless it is a text.
/// </summary>
public sealed record OutboundMessage(string Id, string To, string Body, int Shards = 0, long Generation = 0, string Type = MessageTypes.Text);
