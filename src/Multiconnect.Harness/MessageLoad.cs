using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Multiconnect.Harness;

/// <summary>
/// Sends text messages through a gateway as a client would: one caller per recipient, each sending
/// its next message only after the previous one was accepted, bodies starting "seq=N " so that the
/// simulator can tell when a recipient's messages arrive out of order. A refused send is retried.
/// </summary>
public static class MessageLoad
{
    public static async Task<LoadResult> RunAsync(
        Uri gateway, string token, IReadOnlyList<string> recipients, int perRecipient, TimeSpan? duration = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var accepted = new ConcurrentDictionary<string, List<string>>();
        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentDictionary<string, int>();
        var stopAt = duration is { } d ? Stopwatch.GetTimestamp() + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(recipients.Select(async recipient =>
        {
            var ids = accepted.GetOrAdd(recipient, _ => []);
            for (var seq = 1; seq <= perRecipient && Stopwatch.GetTimestamp() < stopAt && !cancellationToken.IsCancellationRequested;)
            {
                var started = Stopwatch.GetTimestamp();
                var error = await SendAsync(http, recipient, seq, cancellationToken);
                if (error is null)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    seq++;
                }
                else
                {
                    errors.AddOrUpdate(error, 1, (_, n) => n + 1);
                    await Task.Delay(100, cancellationToken);
                }
            }

            async Task<string?> SendAsync(HttpClient client, string to, int n, CancellationToken ct)
            {
                try
                {
                    using var content = new StringContent($$$"""{"to":"{{{to}}}","type":"text","text":{"body":"seq={{{n}}} hello"}}""", Encoding.UTF8, "application/json");
                    using var response = await client.PostAsync("/v1/messages", content, ct);
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                        return body.GetProperty("errors")[0].GetProperty("code").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }

                    var id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("messages")[0].GetProperty("id").GetString()!;
                    ids.Add(id);
                    return null;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                {
                    return e.GetType().Name;
                }
            }
        }));

        var sorted = latencies.Order().ToList();
        return new LoadResult(
            sorted.Count,
            clock.Elapsed,
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.99),
            new Dictionary<string, int>(errors),
            accepted.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value));
    }

    /// <summary>Recipients that no other run uses: "1555" + run + index.</summary>
    public static IReadOnlyList<string> NewRecipients(int count)
    {
        var run = Random.Shared.Next(100, 999);
        return [.. Enumerable.Range(0, count).Select(i => $"1555{run}{i:D5}")];
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
}
