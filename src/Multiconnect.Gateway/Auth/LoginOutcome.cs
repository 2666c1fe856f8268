namespace Multiconnect.Gateway.Auth;

public enum LoginOutcome
{
    Succeeded,
    WrongCredentials,

    /// <summary>Too many failed logins from this address lately.</summary>
    Throttled,

    /// <summary>Too many password checks waiting already.</summary>
    Busy,
}
