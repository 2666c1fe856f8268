using System.Collections.Concurrent;
using System.Net;

namespace Multiconnect.Testing;

/// <summary>
/// A webhook on a free loopback port: a real HTTP server (HttpListener) that records every POST it
/// gets. It answers 200 unless told otherwise (<see cref="AnswerWith"/>), and can go away for a while
/// (<see cref="StopListeningAsync"/>: connections are refused) and come back on the same port.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private const string NodeHeader = "X-Multiconnect-Node";

    private readonly ConcurrentQueue<WebhookCall> _calls = new();
    private readonly Lock _lock = new();
    private HttpListener? _listener;
    private Task _accepting = Task.CompletedTask;
    private volatile Answer _answer = new(_ => HttpStatusCode.OK, TimeSpan.Zero);

    private WebhookReceiver(int port) => Url = new Uri($"http://127.0.0.1:{port}/webhook");

    public Uri Url { get; }

    /// <summary>Every POST so far, failed ones included, in the order they came.</summary>
    public IReadOnlyList<WebhookCall> Calls => [.. _calls];

    /// <summary>The POSTs answered with success: the callbacks delivered.</summary>
    public IReadOnlyList<WebhookCall> Delivered => [.. _calls.Where(call => call.Accepted)];

    public static WebhookReceiver Start()
    {
        var receiver = new WebhookReceiver(FreePort.Next());
        receiver.StartListening();
        return receiver;
    }

    /// <summary>
    /// Decides the status of each POST from what it carries (the status is recorded with the call), and
    /// answers after <paramref name="delay"/>, to play a slow webhook.
    /// </summary>
    public void AnswerWith(Func<WebhookCall, HttpStatusCode> status, TimeSpan delay = default) => _answer = new(status, delay);

    public void StartListening()
    {
        lock (_lock)
        {
            if (_listener is not null)
            {
                return;
            }

            var listener = new HttpListener();
            listener.Prefixes.Add($"http://{Url.Host}:{Url.Port}/");
            listener.Start();
            _listener = listener;
            _accepting = AcceptAsync(listener);
        }
    }

    /// <summary>Closes the port: from now on, connections are refused until <see cref="StartListening"/>.</summary>
    public async Task StopListeningAsync()
    {
        HttpListener? listener;
        lock (_lock)
        {
            (listener, _listener) = (_listener, null);
        }

        if (listener is not null)
        {
            listener.Close();
            await _accepting;
        }
    }

    public async ValueTask DisposeAsync() => await StopListeningAsync();

    private async Task AcceptAsync(HttpListener listener)
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            // HttpListener.Close answers the requests still open with the status set so far (200 by
            // default): a webhook that goes away mid-request must look like a failure, not a delivery.
            context.Response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
            using var reader = new StreamReader(context.Request.InputStream, context.Request.ContentEncoding);
            var body = await reader.ReadToEndAsync();
            var call = new WebhookCall(DateTimeOffset.UtcNow, body, context.Request.Headers[NodeHeader], 0);
            var answer = _answer;
            var status = context.Request.HttpMethod == "POST" ? answer.Status(call) : HttpStatusCode.MethodNotAllowed;
            if (answer.Delay > TimeSpan.Zero)
            {
                await Task.Delay(answer.Delay);
            }

            _calls.Enqueue(call with { Status = (int)status });
            context.Response.StatusCode = (int)status;
            context.Response.KeepAlive = false;
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The listener was closed under this request; the sender sees a failure and retries.
        }
    }

    private sealed record Answer(Func<WebhookCall, HttpStatusCode> Status, TimeSpan Delay);
}
