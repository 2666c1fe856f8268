namespace Multiconnect.Upstream;

/// <summary>
/// The answer to an account check: the account's <see cref="Standing"/> after it, and why the certificate
/// was not accepted (<see cref="Refusal"/>, a certificate reason of <see cref="RefusalReasons"/>; null
/// when it was). The certificate is accepted for the account only when both say so: no refusal, active.
/// </summary>
public sealed record AccountCheckResponse(string Standing, string? Refusal, string Detail)
{
    public bool Accepted => Refusal is null && Standing == AccountStanding.Active;
}
