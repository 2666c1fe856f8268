using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Multiconnect.Gateway.Auth;

public sealed class BasicCredentialsHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminCredentials admin)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!BasicCredentials.TryRead(Request, out var credentials))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(admin.Verify(credentials.User, credentials.Password)
            ? AuthenticateResult.Success(new AuthenticationTicket(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, credentials.User)], Scheme.Name)), Scheme.Name))
            : AuthenticateResult.Fail("Wrong user or password"));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Basic realm=\"Orleans.Multiconnect\", charset=\"UTF-8\"");
        return Task.CompletedTask;
    }
}
