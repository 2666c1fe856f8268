namespace Multiconnect.Contracts.Grains;

/// <summary>
/// A text message a client asked to send; <see cref="Id"/> is chosen by the gateway, so a retried append
/// is recognised. <see cref="Generation"/> is the generation of the shard map the gateway routed it by.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MessageToSend(
    [property: Id(0)] string Id,
    [property: Id(1)] string Recipient,
    [property: Id(2)] string Body,
    [property: Id(3)] long Generation = 0);
