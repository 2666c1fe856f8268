using System.Text.Json.Serialization.Metadata;
using Multiconnect.Gateway.Auth;

namespace Multiconnect.Gateway.Requests;

/// <summary>POST /v1/users/login's optional body, <c>{"new_password"?}</c>: none at all, or new_password meeting <see cref="PasswordRules"/>.</summary>
public sealed record LoginBody(string? NewPassword = null) : IRequestBody<LoginBody>
{
    public static JsonTypeInfo<LoginBody> JsonTypeInfo => RequestJsonContext.Default.LoginBody;

    public static LoginBody WhenAbsent { get; } = new();

    public void Validate(RequestProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (NewPassword is not null && PasswordRules.Problem(NewPassword) is { } problem)
        {
            problems.Invalid("new_password", problem);
        }
    }
}
