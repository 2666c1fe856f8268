namespace Multiconnect.Contracts.Grains;

/// <summary>
/// A message a client asked to send; <see cref="Id"/> is chosen by the gateway, so a retried append
/// is recognised. <see cref="Generation"/> is the generation of the shard map the gateway routed it by.
/// <see cref="Body"/> is the text of a <c>text</c> message, or the compact JSON of the type's object for
/// every other <see cref="Type"/> (template, image, location, …), as the client sent it. <see cref="Ttl"/>
/// is how many seconds it may wait to be sent (null: no limit); past that it expires instead.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MessageToSend(
    [property: Id(0)] string Id,
    [property: Id(1)] string Recipient,
    [property: Id(2)] string Body,
    [property: Id(3)] long Generation = 0,
    [property: Id(4)] string Type = "text",
    [property: Id(5)] int? Ttl = null)
{
    /// <summary>
    /// Longest <see cref="Body"/>, in characters: far above a text's 4,096, so that a template, a list or a few
    /// contact cards fit as JSON, and small enough for the upstream protocol's frames.
    /// </summary>
    public const int MaxBodyLength = 65_536;
}
