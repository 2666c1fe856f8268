namespace Multiconnect.Contracts.Grains;

/// <summary>
/// The upstream did not accept the certificate for the business account (an account check): nothing was
/// stored. <see cref="Standing"/> is the account's standing after the check (active, logged_out,
/// blocked), <see cref="Refusal"/> why the certificate was refused (a certificate reason of the
/// upstream protocol), null when the certificate was genuine but the account is blocked.
/// </summary>
[GenerateSerializer]
public sealed class AccountRefusedException : Exception
{
    public AccountRefusedException()
    {
    }

    public AccountRefusedException(string message)
        : base(message)
    {
    }

    public AccountRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AccountRefusedException(string standing, string? refusal, string message)
        : base(message) => (Standing, Refusal) = (standing, refusal);

    [Id(0)]
    public string Standing { get; init; } = "active";

    [Id(1)]
    public string? Refusal { get; init; }
}
