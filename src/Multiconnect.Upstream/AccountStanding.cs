namespace Multiconnect.Upstream;

/// <summary>
/// A business account's standing with the WhatsApp servers, as an account check answers it
/// (docs/upstream-protocol.md, "Account checks"): only an active account may open sessions.
/// </summary>
public static class AccountStanding
{
    public const string Active = "active";

    /// <summary>A certificate of another number was presented: sessions are closed until a check with the number's own certificate.</summary>
    public const string LoggedOut = RefusalReasons.LoggedOut;

    /// <summary>An expired certificate was presented: sessions are closed, and stay refused until the servers' operator unblocks the account.</summary>
    public const string Blocked = RefusalReasons.Blocked;

    public static bool IsKnown(string? standing) => standing is Active or LoggedOut or Blocked;
}
