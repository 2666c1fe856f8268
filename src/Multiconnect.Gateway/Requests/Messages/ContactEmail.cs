namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>A contact card's e-mail address and its <c>type</c> (HOME, WORK).</summary>
public sealed record ContactEmail(string? Email = null, string? Type = null);
