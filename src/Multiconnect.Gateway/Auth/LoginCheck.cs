using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Auth;

/// <summary>The answer to a user name and password: the user and the password it logged in under (its salt; null for the admin's initial password), or why not.</summary>
public sealed record LoginCheck(LoginOutcome Outcome, string UserName, byte[]? PasswordSalt = null, TimeSpan RetryAfter = default)
{
    public bool Succeeded => Outcome == LoginOutcome.Succeeded;

    /// <summary>The API's answer when the check did not succeed.</summary>
    public ApiError? Error => Outcome switch
    {
        LoginOutcome.WrongCredentials => ApiError.AccessDenied("Wrong user name or password"),
        LoginOutcome.Throttled => ApiError.TooManyFailedLogins(RetryAfter),
        LoginOutcome.Busy => ApiError.Overloaded("Too many password checks are waiting; retry shortly", TimeSpan.FromSeconds(1)),
        _ => null,
    };
}
