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

    /// <summary>No business number is set yet, so there is no account to act on.</summary>
    public const string Unregistered = "unregistered";
}
