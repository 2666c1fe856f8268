namespace Multiconnect.Gateway.Apis;

/// <summary><c>{"contacts":[{"input","status","wa_id"?}]}</c>, one entry per number asked, in the order asked.</summary>
public sealed record ContactsResponse(IReadOnlyList<ContactStatus> Contacts) : ApiResponse;
