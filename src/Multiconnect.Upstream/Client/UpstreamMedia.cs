using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Multiconnect.Contracts.Grains;

namespace Multiconnect.Upstream.Client;

/// <summary>
/// Media files on the servers, over HTTP (docs/upstream-protocol.md, "Media"): a shard puts a file there
/// before it sends a message that names it, and fetches the file of a user's media message. Each request
/// names the business number and carries its certificate, as a session's hello does. Throws
/// <see cref="HttpRequestException"/> when the servers cannot be reached or answer otherwise than the
/// protocol says: nothing is known then, and the caller tries again.
/// </summary>
public sealed class UpstreamMedia(HttpClient http)
{
    /// <summary>Whether the servers at <paramref name="upstream"/> hold the file <paramref name="id"/>.</summary>
    public async Task<bool> HasAsync(Uri upstream, BusinessAccount account, string id, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Head, upstream, account, id);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false,
            _ => throw Unexpected(response, "checking"),
        };
    }

    /// <summary>
    /// Puts <paramref name="length"/> bytes, which <paramref name="write"/> writes to the request as it is sent,
    /// as the file <paramref name="id"/> of MIME type <paramref name="contentType"/>. Putting a file the servers
    /// hold again changes nothing. Null when it is stored; otherwise why the servers refuse it for what it is
    /// (too large, a MIME type they do not take), which trying again will not change.
    /// </summary>
    public async Task<string?> PutAsync(
        Uri upstream, BusinessAccount account, string id, string contentType, long length,
        Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, upstream, account, id);
        request.Content = new WrittenContent(write, length);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType)
        {
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }

        throw Unexpected(response, "putting");
    }

    /// <summary>
    /// The file <paramref name="id"/>: the response, whose content the caller reads and disposes; null when
    /// the servers do not hold it (never had it, or no longer).
    /// </summary>
    public async Task<HttpResponseMessage?> GetAsync(Uri upstream, BusinessAccount account, string id, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, upstream, account, id);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return response;
        }

        using (response)
        {
            return response.StatusCode == HttpStatusCode.NotFound ? null : throw Unexpected(response, "fetching");
        }
    }

    /// <summary>Where the file <paramref name="id"/> of <paramref name="account"/>'s number is, on the servers at <paramref name="upstream"/>.</summary>
    public static Uri Location(Uri upstream, BusinessAccount account, string id)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(account);
        return new Uri(upstream, $"{UpstreamProtocol.MediaPath}/{account.Cc}/{account.PhoneNumber}/{Uri.EscapeDataString(id)}");
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri upstream, BusinessAccount account, string id)
    {
        var request = new HttpRequestMessage(method, Location(upstream, account, id));
        request.Headers.Add(UpstreamProtocol.CertificateHeader, account.Certificate);
        return request;
    }

    private static HttpRequestException Unexpected(HttpResponseMessage response, string doing) =>
        new(string.Create(CultureInfo.InvariantCulture, $"The servers answered {(int)response.StatusCode} {response.ReasonPhrase} {doing} a media file"), null, response.StatusCode);

    /// <summary>A request body written as it is sent, of a length known in advance.</summary>
    private sealed class WrittenContent(Func<Stream, CancellationToken, Task> write, long length) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => write(stream, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) => write(stream, cancellationToken);

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            return true;
        }
    }
}
