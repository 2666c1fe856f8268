using Multiconnect.Gateway.Auth;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// POST /v1/users/login's optional body, <c>{"new_password"?}</c>: no body at all (no Content-Type, nothing
/// sent), or a JSON object whose new_password, when given, meets <see cref="PasswordRules"/>.
/// </summary>
public sealed record LoginRequest(string? NewPassword)
{
    public static async Task<Validated<LoginRequest>> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentType is null && request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
        {
            return new LoginRequest((string?)null);
        }

        return await JsonRequestBody.ReadAsync(request, From);
    }

    public static Validated<LoginRequest> From(JsonObjectBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        body.OnlyKnown("new_password");
        var newPassword = body.OptionalString("new_password");
        if (newPassword is not null && PasswordRules.Problem(newPassword) is { } problem)
        {
            body.Invalid("new_password", problem);
        }

        return body.Problems ?? (Validated<LoginRequest>)new LoginRequest(newPassword);
    }
}
