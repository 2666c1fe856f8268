using System.Net.Http.Headers;
using System.Text;

namespace Multiconnect.Tests.Integration.Fuzz;

/// <summary>One generated request: what is sent, and a readable line saying what it is, for the failure message.</summary>
public sealed record FuzzRequest(string Method, string Path, string? Authorization, string? ContentType, string? Body, string What)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), new Uri(Path, UriKind.Relative));
        if (Authorization is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", Authorization);
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            if (ContentType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            }
        }

        return message;
    }

    public override string ToString() =>
        $"{Method} {Path} [{What}] auth={Authorization?[..Math.Min(Authorization.Length, 12)] ?? "none"} type={ContentType ?? "none"} body={Shorten(Body)}";

    private static string Shorten(string? body) => body is null ? "none" : body.Length <= 300 ? body : body[..300] + $"… ({body.Length} chars)";
}
