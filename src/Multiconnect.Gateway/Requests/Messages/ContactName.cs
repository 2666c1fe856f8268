namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>A contact card's <c>name</c>: <c>formatted_name</c> required, the parts optional.</summary>
public sealed record ContactName(
    string? FormattedName,
    string? FirstName = null,
    string? LastName = null,
    string? MiddleName = null,
    string? Suffix = null,
    string? Prefix = null);
