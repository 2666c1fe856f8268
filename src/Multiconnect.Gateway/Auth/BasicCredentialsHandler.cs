using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Multiconnect.Gateway.Auth;

/// <summary>
/// HTTP Basic for the dashboard: the same users, passwords and failed-login throttle as POST /v1/users/login.
/// A throttled or overloaded check is answered as login answers it (429 or 503 in the API's error format).
/// </summary>
public sealed class BasicCredentialsHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserAccounts accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!BasicCredentials.TryRead(Request, out var credentials))
        {
            return AuthenticateResult.NoResult();
        }

        var check = await accounts.CheckAsync(credentials.User, credentials.Password, Context.Connection.RemoteIpAddress, remember: true, Context.RequestAborted);
        if (!check.Succeeded)
        {
            Context.Items[typeof(LoginCheck)] = check;
            return AuthenticateResult.Fail("Wrong user or password, or too many failed logins");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(UserPrincipal.Of(check.UserName, accounts.RoleOf(check.UserName), Scheme.Name), Scheme.Name));
    }

    /// <summary>The dashboard policy names Bearer then Basic, so this challenge comes last and its answer stands.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[typeof(LoginCheck)] is LoginCheck { Outcome: LoginOutcome.Throttled or LoginOutcome.Busy, Error: { } error })
        {
            return error.ExecuteAsync(Context);
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Basic realm=\"Orleans.Multiconnect\", charset=\"UTF-8\"");
        return Task.CompletedTask;
    }
}
