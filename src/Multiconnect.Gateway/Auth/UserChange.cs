namespace Multiconnect.Gateway.Auth;

/// <summary>What became of a change to a user.</summary>
public enum UserChange
{
    Done,
    NoSuchUser,
    AlreadyExists,

    /// <summary>Too many password hashes waiting already; nothing changed.</summary>
    Busy,
}
