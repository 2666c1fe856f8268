namespace Multiconnect.Gateway.Auth;

/// <summary>The original's two roles: the admin user is ROLE_ADMIN, every user created through the API ROLE_USER.</summary>
public static class Roles
{
    public const string Admin = "ROLE_ADMIN";
    public const string User = "ROLE_USER";
}
