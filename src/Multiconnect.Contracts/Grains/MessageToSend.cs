namespace Multiconnect.Contracts.Grains;

/// <summary>
/// A message a client asked to send; <see cref="Id"/> is chosen by the gateway, so a retried append
/// is recognised. <see cref="Generation"/> is the generation of the shard map the gateway routed it by.
/// <see cref="Type"/> is the original's message type: for <c>text</c>, <see cref="Body"/> is the text;
/// for any other type, the compact JSON of the type's object as the client sent it (for <c>template</c>
/// the request's <c>template</c> object, for <c>contacts</c> its array).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MessageToSend(
    [property: Id(0)] string Id,
    [property: Id(1)] string Recipient,
    [property: Id(2)] string Body,
    [property: Id(3)] long Generation = 0,
    [property: Id(4)] string Type = "text");
