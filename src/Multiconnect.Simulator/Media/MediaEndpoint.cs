using Microsoft.AspNetCore.Http.HttpResults;
using Multiconnect.Simulator.Numbers;
using Multiconnect.Simulator.Sessions;
using Multiconnect.Upstream;

namespace Multiconnect.Simulator.Media;

/// <summary>
/// The servers' media endpoint (docs/upstream-protocol.md, "Media"): <c>PUT</c> keeps a file under the id a
/// business gives it, <c>HEAD</c> says whether a file is held, <c>GET</c> returns one. Every request names a
/// business number and carries its valid certificate, and the account must be active: the same credential
/// as a session's. A refusal is plain text saying why.
/// </summary>
public static class MediaEndpoint
{
    private const string Route = UpstreamProtocol.MediaPath + "/{cc}/{phone}/{id}";

    public static IEndpointRouteBuilder MapMediaEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPut(Route, PutAsync).AllowAnonymous();
        app.MapMethods(Route, [HttpMethods.Get, HttpMethods.Head], Get).AllowAnonymous();
        return app;
    }

    public static async Task<Results<Created, Ok, ContentHttpResult>> PutAsync(
        string cc, string phone, string id, HttpRequest request, UpstreamServer server, MediaHost media)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Refusal(cc, phone, id, request, server) is { } refusal)
        {
            return refusal;
        }

        if (request.ContentType is not { Length: > 0 } contentType)
        {
            return Refuse(StatusCodes.Status400BadRequest, "Content-Type is required: the file's MIME type");
        }

        if (media.Find(id) is not null)
        {
            return TypedResults.Ok();
        }

        if (request.ContentLength > UpstreamProtocol.MaxMediaBytes)
        {
            return TooLarge();
        }

        using var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            if (content.Length + read > UpstreamProtocol.MaxMediaBytes)
            {
                return TooLarge();
            }

            content.Write(buffer, 0, read);
        }

        if (content.Length == 0)
        {
            return Refuse(StatusCodes.Status400BadRequest, "the file is empty");
        }

        var file = media.Put(id, contentType, content.ToArray());
        server.Logger.MediaStored(file.Id, file.ContentType, file.Content.Length);
        return TypedResults.Created();
    }

    public static Results<FileContentHttpResult, Ok, NotFound, ContentHttpResult> Get(
        string cc, string phone, string id, HttpRequest request, UpstreamServer server, MediaHost media)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Refusal(cc, phone, id, request, server) is { } refusal)
        {
            return refusal;
        }

        if (media.Find(id) is not { } file)
        {
            return TypedResults.NotFound();
        }

        request.HttpContext.Response.Headers["X-Sha256"] = file.Sha256;
        return HttpMethods.IsHead(request.Method) ? TypedResults.Ok() : TypedResults.File(file.Content, file.ContentType);
    }

    /// <summary>Why the request may not touch the number's media: the number, the id, the certificate, the account.</summary>
    private static ContentHttpResult? Refusal(string cc, string phone, string id, HttpRequest request, UpstreamServer server)
    {
        if (PhoneNumber.Problem(cc, phone) is { } problem)
        {
            return Refuse(StatusCodes.Status400BadRequest, problem);
        }

        if (id.Length is 0 or > UpstreamProtocol.MaxIdLength)
        {
            return Refuse(StatusCodes.Status400BadRequest, $"id must have 1 to {UpstreamProtocol.MaxIdLength} characters");
        }

        var certificate = server.Authority.Verifier.Verify(request.Headers[UpstreamProtocol.CertificateHeader], cc, phone, server.Clock.GetUtcNow());
        if (certificate.RefusalReason is { } reason)
        {
            return Refuse(StatusCodes.Status401Unauthorized, $"{reason}: {certificate.Detail}");
        }

        var standing = server.Numbers.GetOrAdd(cc, phone).Standing;
        return standing == AccountStanding.Active ? null : Refuse(StatusCodes.Status403Forbidden, $"+{cc}{phone} is {standing}");
    }

    private static ContentHttpResult TooLarge() =>
        Refuse(StatusCodes.Status413PayloadTooLarge, $"a file may have at most {UpstreamProtocol.MaxMediaBytes} bytes");

    private static ContentHttpResult Refuse(int status, string detail) => TypedResults.Text(detail, "text/plain", statusCode: status);
}
