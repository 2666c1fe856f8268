using Microsoft.AspNetCore.Http.HttpResults;
using Multiconnect.Contracts.Routing;
using Multiconnect.Simulator.Numbers;
using Multiconnect.Upstream;

namespace Multiconnect.Simulator.Sessions;

/// <summary>
/// Account checks and two-step verification (docs/upstream-protocol.md, "Account checks"). A check
/// verifies a certificate for a number and acts on it as the original does: a genuine certificate of
/// another number logs the account out, an expired one blocks it; the number's own valid certificate,
/// with the two-step PIN when it is on, logs a logged-out account in again. A certificate that is not
/// genuine, or not yet valid, and a wrong PIN, change nothing (wrong PINs are counted, <see cref="TwoStep"/>).
/// The certificate is the credential, as in a hello.
/// </summary>
public static class AccountCheckEndpoint
{
    public static IEndpointRouteBuilder MapAccountCheckEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(UpstreamProtocol.AccountCheckPath, Check).AllowAnonymous();
        app.MapPost(UpstreamProtocol.TwoStepPath, SetTwoStep).AllowAnonymous();
        return app;
    }

    public static Results<Ok<AccountCheckResponse>, BadRequest<AccountCheckResponse>> Check(AccountCheckRequest request, UpstreamServer server)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(server);
        if (PhoneNumber.Problem(request.Cc, request.Phone) is { } problem)
        {
            return TypedResults.BadRequest(new AccountCheckResponse(AccountStanding.Active, RefusalReasons.Invalid, problem));
        }

        var business = server.Numbers.GetOrAdd(request.Cc, request.Phone);
        var now = server.Clock.GetUtcNow();
        var certificate = server.Authority.Verifier.Verify(request.Cert, request.Cc, request.Phone, now);
        var (refusal, detail) = (certificate.RefusalReason, certificate.Detail);
        switch (refusal)
        {
            case null when business.TwoStep.Check(request.Pin, now) is { } pin:
                (refusal, detail) = pin;
                break;
            case null when business.Standing == AccountStanding.LoggedOut:
                business.SetStanding(AccountStanding.Active, "checked with its own certificate");
                break;
            case RefusalReasons.CertificateWrongNumber:
                business.SetStanding(AccountStanding.LoggedOut, $"logged out: {detail}");
                break;
            case RefusalReasons.CertificateExpired:
                business.SetStanding(AccountStanding.Blocked, $"blocked: {detail}");
                break;
        }

        var standing = business.Standing;
        server.Logger.AccountChecked(business.Number, refusal ?? "accepted", standing);
        return TypedResults.Ok(new AccountCheckResponse(standing, refusal, detail));
    }

    /// <summary>Turns two-step verification on with <see cref="AccountCheckRequest.Pin"/> (six digits), or off without one; needs the number's own valid certificate and an active account.</summary>
    public static Results<Ok<AccountCheckResponse>, BadRequest<AccountCheckResponse>> SetTwoStep(AccountCheckRequest request, UpstreamServer server)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(server);
        if ((PhoneNumber.Problem(request.Cc, request.Phone)
            ?? (request.Pin is { } pin && !TwoStepPin.IsValid(pin) ? $"pin must have {TwoStepPin.Length} digits" : null)) is { } problem)
        {
            return TypedResults.BadRequest(new AccountCheckResponse(AccountStanding.Active, RefusalReasons.Invalid, problem));
        }

        var business = server.Numbers.GetOrAdd(request.Cc, request.Phone);
        var certificate = server.Authority.Verifier.Verify(request.Cert, request.Cc, request.Phone, server.Clock.GetUtcNow());
        var standing = business.Standing;
        if (certificate.RefusalReason is null && standing == AccountStanding.Active)
        {
            business.TwoStep.Set(request.Pin);
            server.Logger.TwoStepSet(business.Number, request.Pin is null ? "off" : "on");
        }

        return TypedResults.Ok(new AccountCheckResponse(standing, certificate.RefusalReason, certificate.Detail));
    }
}
