namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>A contact card's postal address; <c>country_code</c> is ISO 3166-1 alpha-2.</summary>
public sealed record ContactAddress(
    string? Street = null,
    string? City = null,
    string? State = null,
    string? Zip = null,
    string? Country = null,
    string? CountryCode = null,
    string? Type = null);
