namespace Multiconnect.Simulator.Admin;

/// <summary>
/// GET /admin/numbers/{number}/codes: whether and when (Unix seconds) the number registered, and the
/// codes sent to it, oldest first, as its phone would have received them.
/// </summary>
public sealed record RegistrationResponse(bool Registered, long? RegisteredAt, IReadOnlyList<SentCodeResponse> Codes);
