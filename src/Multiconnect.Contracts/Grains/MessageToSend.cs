namespace Multiconnect.Contracts.Grains;

/// <summary>A text message a client asked to send; <see cref="Id"/> is chosen by the gateway, so a retried append is recognised.</summary>
[GenerateSerializer, Immutable]
public sealed record MessageToSend(
    [property: Id(0)] string Id,
    [property: Id(1)] string Recipient,
    [property: Id(2)] string Body);
