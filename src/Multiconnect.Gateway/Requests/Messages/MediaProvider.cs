namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>A media object's <c>provider</c>: the name of a media provider configured for links that need credentials.</summary>
public sealed record MediaProvider(string? Name);
