using System.Security.Claims;

namespace Multiconnect.Gateway.Auth;

/// <summary>The authenticated caller as ASP.NET Core sees it: its name and its role.</summary>
public static class UserPrincipal
{
    public static ClaimsPrincipal Of(string name, string role, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], scheme, ClaimTypes.Name, ClaimTypes.Role));
}
