namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>A contact card's web address and its <c>type</c> (HOME, WORK).</summary>
public sealed record ContactUrl(string? Url = null, string? Type = null);
