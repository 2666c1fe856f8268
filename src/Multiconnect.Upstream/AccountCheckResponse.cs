using System.Text.Json.Serialization;

namespace Multiconnect.Upstream;

/// <summary>
/// The answer to an account check: the account's <see cref="Standing"/> after it, and why the certificate
/// was not accepted (<see cref="Refusal"/>, a certificate reason of <see cref="RefusalReasons"/>; null
/// when it was). The certificate is accepted for the account only when both say so: no refusal, active.
/// A code request answers with the certificate's verified name (<see cref="VName"/>) once the code is sent;
/// on the wire it is <c>vname</c>, the original's name, whatever naming policy either side serializes with
/// (the servers write snake_case, which would make it <c>v_name</c>, and this library reads camelCase).
/// </summary>
public sealed record AccountCheckResponse(string Standing, string? Refusal, string Detail, [property: JsonPropertyName("vname")] string? VName = null)
{
    public bool Accepted => Refusal is null && Standing == AccountStanding.Active;
}
