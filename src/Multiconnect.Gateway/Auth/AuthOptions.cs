namespace Multiconnect.Gateway.Auth;

/// <summary>
/// Multiconnect:Auth. The admin password has no default: set MULTICONNECT_ADMIN_PASSWORD
/// (or Multiconnect__Auth__AdminPassword) or the gateway refuses to start.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Multiconnect:Auth";
    public const string AdminPasswordVariable = "MULTICONNECT_ADMIN_PASSWORD";
    public const int MinimumPasswordLength = 8;

    public string AdminUser { get; set; } = "admin";

    public string? AdminPassword { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(7);
}
