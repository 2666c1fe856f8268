namespace Multiconnect.Contracts.Grains;

/// <summary>
/// Why the WhatsApp servers refused an account check for reasons of the account rather than of the
/// certificate (<see cref="AccountRefusedException.Refusal"/>); the upstream protocol uses the same words.
/// </summary>
public static class AccountRefusal
{
    /// <summary>Two-step verification is on and no PIN was given.</summary>
    public const string PinRequired = "pin_required";

    /// <summary>Not the account's two-step PIN; counted.</summary>
    public const string PinWrong = "pin_wrong";

    /// <summary>Too many wrong PINs in a row: checks are refused for a while, even with the right one.</summary>
    public const string PinLocked = "pin_locked";

    /// <summary>Not the registration code last sent to the number (or none was sent).</summary>
    public const string CodeWrong = "code_wrong";

    /// <summary>No business number is registered yet, so there is no account to act on.</summary>
    public const string Unregistered = "unregistered";

    /// <summary>A number other than the registered one: it must be registered (POST /v1/account) first.</summary>
    public const string NotRegistered = "not_registered";

    /// <summary>No registration is waiting for a code here (none requested, or the master moved since): request a code again.</summary>
    public const string NoCodeRequested = "no_code_requested";
}
