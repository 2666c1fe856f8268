using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using Multiconnect.Gateway.Auth;

namespace Multiconnect.Gateway.Requests;

/// <summary>POST /v1/users: <c>{"username","password"}</c>, the name by <see cref="UserNameRules"/>, the password by <see cref="PasswordRules"/>.</summary>
public sealed record CreateUserBody([property: Required] string? Username, [property: Required] string? Password) : IRequestBody<CreateUserBody>
{
    public static JsonTypeInfo<CreateUserBody> JsonTypeInfo => RequestJsonContext.Default.CreateUserBody;

    public void Validate(RequestProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Required(Username, "username") && UserNameRules.Problem(Username) is { } nameProblem)
        {
            problems.Invalid("username", nameProblem);
        }

        if (problems.Required(Password, "password") && PasswordRules.Problem(Password) is { } passwordProblem)
        {
            problems.Invalid("password", passwordProblem);
        }
    }
}
