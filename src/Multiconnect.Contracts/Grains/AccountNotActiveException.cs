namespace Multiconnect.Contracts.Grains;

/// <summary>
/// A send refused because the upstream refuses the account's sessions: it is logged out or blocked
/// (<see cref="Standing"/>, as <see cref="UpstreamStatus"/> names it). Nothing was stored.
/// </summary>
[GenerateSerializer]
public sealed class AccountNotActiveException : Exception
{
    public AccountNotActiveException()
    {
    }

    public AccountNotActiveException(string message)
        : base(message)
    {
    }

    public AccountNotActiveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AccountNotActiveException(string standing, string message)
        : base(message) => Standing = standing;

    [Id(0)]
    public string Standing { get; init; } = UpstreamStatus.LoggedOut;
}
