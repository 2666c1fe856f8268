using Microsoft.AspNetCore.Http.HttpResults;
using Multiconnect.Simulator.Numbers;
using Multiconnect.Upstream;

namespace Multiconnect.Simulator.Sessions;

/// <summary>
/// Account checks (docs/upstream-protocol.md): the servers verify a certificate for a number and act on
/// it as the original does. A genuine certificate of another number logs the account out, an expired one
/// blocks it; the number's own valid certificate logs a logged-out account in again. A certificate that
/// is not genuine, or not yet valid, changes nothing. The certificate is the credential, as in a hello.
/// </summary>
public static class AccountCheckEndpoint
{
    public static IEndpointRouteBuilder MapAccountCheckEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(UpstreamProtocol.AccountCheckPath, Check).AllowAnonymous();
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
        var certificate = server.Authority.Verifier.Verify(request.Cert, request.Cc, request.Phone, server.Clock.GetUtcNow());
        switch (certificate.RefusalReason)
        {
            case null when business.Standing == AccountStanding.LoggedOut:
                business.SetStanding(AccountStanding.Active, "checked with its own certificate");
                break;
            case RefusalReasons.CertificateWrongNumber:
                business.SetStanding(AccountStanding.LoggedOut, $"logged out: {certificate.Detail}");
                break;
            case RefusalReasons.CertificateExpired:
                business.SetStanding(AccountStanding.Blocked, $"blocked: {certificate.Detail}");
                break;
        }

        var standing = business.Standing;
        server.Logger.AccountChecked(business.Number, certificate.RefusalReason ?? "accepted", standing);
        return TypedResults.Ok(new AccountCheckResponse(standing, certificate.RefusalReason, certificate.Detail));
    }
}
