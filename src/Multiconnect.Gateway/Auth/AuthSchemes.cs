namespace Multiconnect.Gateway.Auth;

public static class AuthSchemes
{
    /// <summary>'Authorization: Bearer &lt;token&gt;' with a token from POST /v1/users/login: the API.</summary>
    public const string Bearer = "Bearer";

    /// <summary>
    /// HTTP Basic credentials: accepted only by the dashboard, so that a browser can open it
    /// (the dashboard's page sends no Authorization header of its own; the browser repeats Basic credentials).
    /// </summary>
    public const string Basic = "Basic";

    /// <summary>The dashboard's policy: the admin, by a bearer token or Basic credentials.</summary>
    public const string DashboardPolicy = "dashboard";

    /// <summary>The admin's endpoints (account, shards, settings, creating and deleting users): a bearer token of the admin.</summary>
    public const string AdminPolicy = "admin";
}
