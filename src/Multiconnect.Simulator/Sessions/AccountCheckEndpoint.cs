using Microsoft.AspNetCore.Http.HttpResults;
using Multiconnect.Contracts.Routing;
using Multiconnect.Simulator.Numbers;
using Multiconnect.Upstream;
using Multiconnect.Upstream.Certificates;

namespace Multiconnect.Simulator.Sessions;

/// <summary>
/// Account checks, registration and two-step verification (docs/upstream-protocol.md, "Account checks").
/// A check verifies a certificate for a number and acts on it as the original does: a genuine certificate
/// of another number logs the account out, an expired one blocks it; the number's own valid certificate,
/// with the two-step PIN when it is on, logs a logged-out account in again. A certificate that is not
/// genuine, or not yet valid, and a wrong PIN, change nothing (wrong PINs are counted, <see cref="TwoStep"/>).
/// Without a certificate, a check passes only within 7 days of the number's registration, and logs the
/// account out after that (<see cref="Registration"/>). A code request is a check that, accepted, sends a
/// registration code; the code given back registers the number. The certificate is the credential, as in a hello.
/// </summary>
public static class AccountCheckEndpoint
{
    public static IEndpointRouteBuilder MapAccountCheckEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(UpstreamProtocol.AccountCheckPath, Check).AllowAnonymous();
        app.MapPost(UpstreamProtocol.AccountCodePath, RequestCode).AllowAnonymous();
        app.MapPost(UpstreamProtocol.AccountVerifyPath, Verify).AllowAnonymous();
        app.MapPost(UpstreamProtocol.TwoStepPath, SetTwoStep).AllowAnonymous();
        return app;
    }

    public static Results<Ok<AccountCheckResponse>, BadRequest<AccountCheckResponse>> Check(AccountCheckRequest request, UpstreamServer server)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(server);
        if (PhoneNumber.Problem(request.Cc, request.Phone) is { } problem)
        {
            return Invalid(problem);
        }

        var (answer, _) = CheckAccount(server.Numbers.GetOrAdd(request.Cc, request.Phone), request.Cert, request.Pin, server);
        return TypedResults.Ok(answer);
    }

    /// <summary>
    /// Checks the account as <see cref="Check"/> does, effects included, and when it is accepted sends a new
    /// registration code by <see cref="AccountCodeRequest.Method"/>. The certificate is required: the
    /// answer carries its verified name, the name the number registers under.
    /// </summary>
    public static Results<Ok<AccountCheckResponse>, BadRequest<AccountCheckResponse>> RequestCode(AccountCodeRequest request, UpstreamServer server)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(server);
        if ((PhoneNumber.Problem(request.Cc, request.Phone)
            ?? (!RegistrationCode.IsMethod(request.Method) ? $"method must be {RegistrationCode.Sms} or {RegistrationCode.Voice}, not '{request.Method}'" : null)) is { } problem)
        {
            return Invalid(problem);
        }

        var business = server.Numbers.GetOrAdd(request.Cc, request.Phone);
        if (string.IsNullOrWhiteSpace(request.Cert))
        {
            return TypedResults.Ok(new AccountCheckResponse(business.Standing, RefusalReasons.CertificateMissing, "a code is sent only with the number's certificate"));
        }

        var (answer, certificate) = CheckAccount(business, request.Cert, request.Pin, server);
        if (!answer.Accepted)
        {
            return TypedResults.Ok(answer);
        }

        var code = business.Registration.SendCode(request.Method, server.Clock.GetUtcNow());
        server.Logger.RegistrationCodeSent(business.Number, code.Method, code.Code);
        return TypedResults.Ok(answer with { Detail = $"a code was sent by {code.Method} to +{business.Number}", VName = certificate?.VerifiedName });
    }

    /// <summary>The latest code sent to the number, not used yet, registers it and is used up; any other code changes nothing.</summary>
    public static Results<Ok<AccountCheckResponse>, BadRequest<AccountCheckResponse>> Verify(AccountVerifyRequest request, UpstreamServer server)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(server);
        if ((PhoneNumber.Problem(request.Cc, request.Phone)
            ?? (!RegistrationCode.IsWellFormed(request.Code) ? $"code must have {RegistrationCode.Length} digits" : null)) is { } problem)
        {
            return Invalid(problem);
        }

        // A number the servers never saw was sent no code: looking it up does not add it.
        var business = server.Numbers.Find(request.Cc + request.Phone);
        var now = server.Clock.GetUtcNow();
        if (business is null || !business.Registration.Verify(request.Code, now))
        {
            server.Logger.RegistrationRefused(request.Cc + request.Phone);
            return TypedResults.Ok(new AccountCheckResponse(business?.Standing ?? AccountStanding.Active, RefusalReasons.CodeWrong,
                $"not the code last sent to +{request.Cc}{request.Phone}, or it was used already"));
        }

        server.Logger.NumberRegistered(business.Number, now);
        return TypedResults.Ok(new AccountCheckResponse(business.Standing, null, $"+{business.Number} is registered"));
    }

    /// <summary>Turns two-step verification on with <see cref="AccountCheckRequest.Pin"/> (six digits), or off without one; needs the number's own valid certificate and an active account.</summary>
    public static Results<Ok<AccountCheckResponse>, BadRequest<AccountCheckResponse>> SetTwoStep(AccountCheckRequest request, UpstreamServer server)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(server);
        if ((PhoneNumber.Problem(request.Cc, request.Phone)
            ?? (request.Pin is { } pin && !TwoStepPin.IsValid(pin) ? $"pin must have {TwoStepPin.Length} digits" : null)) is { } problem)
        {
            return Invalid(problem);
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

    /// <summary>
    /// The check a check and a code request share, with its effects on the account: the certificate, the
    /// standing it leads to, the two-step PIN; without a certificate, the 7-day rule of <see cref="Registration"/>.
    /// Returns the answer and the certificate's document when it could be read.
    /// </summary>
    private static (AccountCheckResponse Answer, VerifiedNameCertificate? Certificate) CheckAccount(BusinessNumber business, string? cert, string? pin, UpstreamServer server)
    {
        var now = server.Clock.GetUtcNow();
        var certificate = server.Authority.Verifier.Verify(cert, business.Cc, business.Phone, now);
        var (refusal, detail) = (certificate.RefusalReason, certificate.Detail);
        // Without a certificate: null when the number never registered, else whether it registered within the last 7 days.
        var recentlyRegistered = certificate.Verdict == CertificateVerdict.Missing ? business.Registration.IsRecent(now) : null;
        if (recentlyRegistered == true)
        {
            (refusal, detail) = (null, $"no certificate: +{business.Number} registered within the last {Registration.WithoutCertificateFor.TotalDays:0} days");
        }

        switch (refusal)
        {
            case null when business.TwoStep.Check(pin, now) is { } pinRefusal:
                (refusal, detail) = pinRefusal;
                break;
            case null when recentlyRegistered is null && business.Standing == AccountStanding.LoggedOut:
                business.SetStanding(AccountStanding.Active, "checked with its own certificate");
                break;
            case RefusalReasons.CertificateMissing when recentlyRegistered == false:
                detail = $"no certificate: +{business.Number} registered more than {Registration.WithoutCertificateFor.TotalDays:0} days ago";
                if (business.Standing == AccountStanding.Active)
                {
                    business.SetStanding(AccountStanding.LoggedOut, $"logged out: {detail}");
                }

                break;
            case RefusalReasons.CertificateWrongNumber when business.Standing != AccountStanding.Blocked: // only the operator unblocks
                business.SetStanding(AccountStanding.LoggedOut, $"logged out: {detail}");
                break;
            case RefusalReasons.CertificateExpired:
                business.SetStanding(AccountStanding.Blocked, $"blocked: {detail}");
                break;
        }

        var standing = business.Standing;
        server.Logger.AccountChecked(business.Number, refusal ?? "accepted", standing);
        return (new AccountCheckResponse(standing, refusal, detail), certificate.Document);
    }

    private static BadRequest<AccountCheckResponse> Invalid(string problem) =>
        TypedResults.BadRequest(new AccountCheckResponse(AccountStanding.Active, RefusalReasons.Invalid, problem));
}
