using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Multiconnect.Gateway.Auth;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Apis;

public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/users/login", LoginAsync).AllowAnonymous().WithName("Login")
            .WithSummary("Exchanges the admin's HTTP Basic credentials for a bearer token valid for 7 days.");
        return app;
    }

    public static async Task<Results<Ok<LoginResponse>, ApiError>> LoginAsync(
        HttpRequest request, AdminCredentials admin, TokenIssuer tokens)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(tokens);
        if (!BasicCredentials.TryRead(request, out var credentials))
        {
            return ApiError.AccessDenied("Log in with HTTP Basic: 'Authorization: Basic base64(user:password)'");
        }

        if (!admin.Verify(credentials.User, credentials.Password))
        {
            return ApiError.AccessDenied("Wrong user name or password");
        }

        var (token, expiresAt) = await tokens.IssueAsync(credentials.User, request.HttpContext.RequestAborted);
        return TypedResults.Ok(new LoginResponse([new UserToken(token, ExpiresAfter(expiresAt))]));
    }

    /// <summary>The original's format: "2018-03-01 15:29:26+00:00".</summary>
    private static string ExpiresAfter(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture);
}
