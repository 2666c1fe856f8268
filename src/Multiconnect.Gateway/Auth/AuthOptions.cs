namespace Multiconnect.Gateway.Auth;

/// <summary>
/// Multiconnect:Auth. The admin's initial password has no default: set MULTICONNECT_ADMIN_PASSWORD
/// (or Multiconnect__Auth__AdminPassword) or the gateway refuses to start. Once the admin's password has
/// been changed through the API, the stored one is the admin's password and this one no longer works.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Multiconnect:Auth";
    public const string AdminPasswordVariable = "MULTICONNECT_ADMIN_PASSWORD";
    public const int MinimumPasswordLength = 8;

    public string AdminUser { get; set; } = "admin";

    public string? AdminPassword { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Failed logins (and failed Basic credentials on the dashboard) one client address may make per
    /// <see cref="FailedLoginWindow"/> before it gets 429 (code 1015): the original's 30 an hour. The
    /// allowance refills evenly, one attempt every window / limit (two minutes by default), as the original's.
    /// </summary>
    public int FailedLoginLimit { get; set; } = 30;

    public TimeSpan FailedLoginWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Password hashes (PBKDF2, about a fifth of a second of one core each) derived at once: half the
    /// cores, at least one, so that a flood of logins leaves the rest to the API.
    /// </summary>
    public int PasswordHashConcurrency { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Password checks that may wait for a turn; beyond them a login is answered 503 (code 1016) at once.</summary>
    public int PasswordHashQueue { get; set; } = 16;
}
