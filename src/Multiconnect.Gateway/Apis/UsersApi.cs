using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Multiconnect.Gateway.Auth;
using Multiconnect.Gateway.Errors;
using Multiconnect.Gateway.Requests;

namespace Multiconnect.Gateway.Apis;

/// <summary>
/// The original's users (../shared/WA-API.md §1): login with HTTP Basic (and new_password), logout, and the
/// admin's management of ROLE_USERs. A user may read and change only itself; creating and deleting users
/// is the admin's. Changing a password or deleting a user ends that user's tokens on every replica at once.
/// </summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/v1/users");
        users.MapPost("/login", LoginAsync).AllowAnonymous().WithName("Login")
            .WithRequestBody<LoginBody>()
            .WithSummary("Exchanges HTTP Basic credentials for a bearer token valid for 7 days; with new_password, changes the password first (the user's other tokens end).");
        users.MapPost("/logout", LogoutAsync).WithName("Logout")
            .WithSummary("Revokes the bearer token of this request at once, on every gateway; the user's other tokens stay valid.");
        users.MapPost("/", CreateAsync).RequireAuthorization(AuthSchemes.AdminPolicy).WithName("CreateUser")
            .WithRequestBody<CreateUserBody>()
            .WithSummary("Admin only: creates a user with the role ROLE_USER (it may send and read messages, not change the account, shards, settings or users).");
        users.MapGet("/{name}", GetAsync).WithName("GetUser")
            .WithSummary("A user's name and role; a ROLE_USER may read only itself.");
        users.MapPut("/{name}", UpdateAsync).WithName("UpdateUser")
            .WithRequestBody<UpdateUserBody>()
            .WithSummary("Changes a user's password (a ROLE_USER only its own); every token of that user ends at once.");
        users.MapDelete("/{name}", DeleteAsync).RequireAuthorization(AuthSchemes.AdminPolicy).WithName("DeleteUser")
            .WithSummary("Admin only: deletes a user and ends its tokens; the admin cannot be deleted.");
        return app;
    }

    public static async Task<Results<Ok<LoginResponse>, ApiError>> LoginAsync(
        RequestBody<LoginBody> login, HttpRequest request, UserAccounts accounts, TokenIssuer tokens)
    {
        ArgumentNullException.ThrowIfNull(login);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(tokens);

        if (!BasicCredentials.TryRead(request, out var credentials))
        {
            return ApiError.AccessDenied("Log in with HTTP Basic: 'Authorization: Basic base64(user:password)'");
        }

        var aborted = request.HttpContext.RequestAborted;
        var check = await accounts.CheckAsync(credentials.User, credentials.Password, request.HttpContext.Connection.RemoteIpAddress, remember: false, aborted);
        if (check.Error is { } refused)
        {
            return refused;
        }

        var salt = check.PasswordSalt;
        if (login.Value.NewPassword is { } newPassword)
        {
            var (change, newSalt) = await accounts.SetPasswordAsync(check.UserName, newPassword, aborted);
            if (ChangeError(change, check.UserName) is { } failed)
            {
                return failed;
            }

            salt = newSalt;
        }

        var (token, expiresAt) = await tokens.IssueAsync(check.UserName, salt, aborted);
        return TypedResults.Ok(new LoginResponse([new UserToken(token, ExpiresAfter(expiresAt))]));
    }

    public static async Task<Ok<EmptyResponse>> LogoutAsync(HttpRequest request, TokenIssuer tokens)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tokens);

        // Only a request with a valid bearer token reaches here (the fallback policy), so the token is there.
        await tokens.RevokeAsync(BearerTokenHandler.TokenOf(request)!, request.HttpContext.RequestAborted);
        return TypedResults.Ok(new EmptyResponse());
    }

    public static async Task<Results<Created<UsersResponse>, ApiError>> CreateAsync(
        RequestBody<CreateUserBody> create, UserAccounts accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(accounts);
        var name = create.Value.Username!;
        return await accounts.CreateAsync(name, create.Value.Password!, cancellationToken) switch
        {
            UserChange.Done => TypedResults.Created($"/v1/users/{name}", new UsersResponse([new UserName(name)])),
            var change => ChangeError(change, name)!,
        };
    }

    public static async Task<Results<Ok<UserDetailsResponse>, ApiError>> GetAsync(string name, ClaimsPrincipal caller, UserAccounts accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(accounts);
        if ((NameError(name, accounts) ?? OtherUserError(name, caller, "read")) is { } refused)
        {
            return refused;
        }

        return await accounts.ExistsAsync(name, cancellationToken)
            ? TypedResults.Ok(new UserDetailsResponse([new UserDetails(accounts.RoleOf(name), name)]))
            : ApiError.NotFound($"User {name} does not exist");
    }

    public static async Task<Results<Ok<UsersResponse>, ApiError>> UpdateAsync(
        string name, RequestBody<UpdateUserBody> update, HttpRequest request, ClaimsPrincipal caller, UserAccounts accounts)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(accounts);
        if ((NameError(name, accounts) ?? OtherUserError(name, caller, "change")) is { } refused)
        {
            return refused;
        }

        var (change, _) = await accounts.SetPasswordAsync(name, update.Value.Password!, request.HttpContext.RequestAborted);
        return ChangeError(change, name) is { } failed ? failed : TypedResults.Ok(new UsersResponse([new UserName(name)]));
    }

    public static async Task<Results<Ok<UsersResponse>, ApiError>> DeleteAsync(string name, UserAccounts accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        if (accounts.IsAdmin(name))
        {
            return ApiError.Invalid("name", "the admin user cannot be deleted");
        }

        if (NameError(name, accounts) is { } invalid)
        {
            return invalid;
        }

        return await accounts.DeleteAsync(name, cancellationToken)
            ? TypedResults.Ok(new UsersResponse([new UserName(name)]))
            : ApiError.NotFound($"User {name} does not exist");
    }

    /// <summary>A name no user can have is refused before anything is looked up.</summary>
    private static ApiError? NameError(string name, UserAccounts accounts) =>
        accounts.IsAdmin(name) || UserNameRules.Problem(name) is not { } problem ? null : ApiError.Invalid("name", problem);

    private static ApiError? OtherUserError(string name, ClaimsPrincipal caller, string what) =>
        caller.IsInRole(Roles.Admin) || caller.Identity?.Name == name
            ? null
            : ApiError.Forbidden($"A {Roles.User} may {what} only its own user; only the admin may {what} others");

    private static ApiError? ChangeError(UserChange change, string name) => change switch
    {
        UserChange.Done => null,
        UserChange.NoSuchUser => ApiError.NotFound($"User {name} does not exist"),
        UserChange.AlreadyExists => ApiError.AlreadyExists($"Unable to create user {name}: it exists already"),
        _ => ApiError.Overloaded("Too many password checks are waiting; nothing changed; retry shortly", TimeSpan.FromSeconds(1)),
    };

    /// <summary>The original's format: "2018-03-01 15:29:26+00:00".</summary>
    private static string ExpiresAfter(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture);
}
