using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Options;
using Multiconnect.Persistence;

namespace Multiconnect.CoreApp.Webhooks;

/// <summary>
/// POSTs callback bodies to the webhook over one long-lived HttpClient: success is any 2xx answer
/// within the request timeout; anything else is a failure, described for the outbox's last_error.
/// Redirects are not followed (a POST must not turn into a GET elsewhere).
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    /// <summary>Names the CoreApp that sent a callback, for whoever debugs the receiving end.</summary>
    public const string NodeHeader = "X-Multiconnect-Node";

    private const int MaxErrorLength = 500;

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    public WebhookSender(IOptions<WebhookOptions> options, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _timeout = settings.RequestTimeout;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = settings.RequestTimeout,
            MaxConnectionsPerServer = ApplicationSettings.ConcurrentRequestsAllowed[^1], // the setting max_concurrent_requests bounds the requests in flight
            PooledConnectionLifetime = TimeSpan.FromMinutes(2), // follows DNS changes of the webhook's host
        })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each request has its own, below
        };
        var version = typeof(WebhookSender).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Orleans.Multiconnect", version));
        _http.DefaultRequestHeaders.TryAddWithoutValidation(NodeHeader, nodeName);
    }

    /// <summary>Null when the webhook accepted the callback, otherwise what went wrong.</summary>
    public async Task<string?> PostAsync(Uri url, string payload, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {_timeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException e)
        {
            return Shorten(e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message);
        }
    }

    public void Dispose() => _http.Dispose();

    private static string Shorten(string error) => error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
}
