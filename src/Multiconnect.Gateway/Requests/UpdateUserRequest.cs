using Multiconnect.Gateway.Auth;

namespace Multiconnect.Gateway.Requests;

/// <summary>PUT /v1/users/{name}: <c>{"password"}</c>, by <see cref="PasswordRules"/>.</summary>
public sealed record UpdateUserRequest(string Password)
{
    public static Validated<UpdateUserRequest> From(JsonObjectBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        body.OnlyKnown("password");
        var password = body.RequiredString("password");
        if (password is not null && PasswordRules.Problem(password) is { } problem)
        {
            body.Invalid("password", problem);
        }

        return body.Problems ?? (Validated<UpdateUserRequest>)new UpdateUserRequest(password!);
    }
}
