using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using Multiconnect.Gateway.Auth;

namespace Multiconnect.Gateway.Requests;

/// <summary>PUT /v1/users/{name}: <c>{"password"}</c>, by <see cref="PasswordRules"/>.</summary>
public sealed record UpdateUserBody([property: Required] string? Password) : IRequestBody<UpdateUserBody>
{
    public static JsonTypeInfo<UpdateUserBody> JsonTypeInfo => RequestJsonContext.Default.UpdateUserBody;

    public void Validate(RequestProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Required(Password, "password") && PasswordRules.Problem(Password) is { } problem)
        {
            problems.Invalid("password", problem);
        }
    }
}
