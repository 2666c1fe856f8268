namespace Multiconnect.Gateway.Auth;

public static class AuthSchemes
{
    /// <summary>'Authorization: Bearer &lt;token&gt;' with a token from POST /v1/users/login: the API.</summary>
    public const string Bearer = "Bearer";

    /// <summary>
    /// The admin's HTTP Basic credentials: accepted only by the dashboard, so that a browser can open it
    /// (the dashboard's page sends no Authorization header of its own; the browser repeats Basic credentials).
    /// </summary>
    public const string Basic = "Basic";

    /// <summary>The dashboard's policy: a bearer token or the admin's Basic credentials.</summary>
    public const string DashboardPolicy = "dashboard";
}
