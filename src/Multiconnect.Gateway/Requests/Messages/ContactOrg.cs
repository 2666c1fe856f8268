namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>A contact card's organisation.</summary>
public sealed record ContactOrg(string? Company = null, string? Department = null, string? Title = null);
