using Multiconnect.Gateway.Auth;

namespace Multiconnect.Gateway.Requests;

/// <summary>POST /v1/users: <c>{"username","password"}</c>, the name by <see cref="UserNameRules"/>, the password by <see cref="PasswordRules"/>.</summary>
public sealed record CreateUserRequest(string Username, string Password)
{
    public static Validated<CreateUserRequest> From(JsonObjectBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        body.OnlyKnown("username", "password");
        var username = body.RequiredString("username");
        var password = body.RequiredString("password");
        if (username is not null && UserNameRules.Problem(username) is { } nameProblem)
        {
            body.Invalid("username", nameProblem);
        }

        if (password is not null && PasswordRules.Problem(password) is { } passwordProblem)
        {
            body.Invalid("password", passwordProblem);
        }

        return body.Problems ?? (Validated<CreateUserRequest>)new CreateUserRequest(username!, password!);
    }
}
