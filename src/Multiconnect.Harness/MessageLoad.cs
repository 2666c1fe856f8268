using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Multiconnect.Harness;

/// <summary>
/// Sends messages through a gateway as a client would: one caller per recipient, each sending its next
/// message only after the previous one was accepted, each carrying "seq=N" (<see cref="MessageMix"/>: text
/// only unless a mix is given) so that the simulator can tell when a recipient's messages arrive out of
/// order. A refused send is retried.
/// With a <c>rate</c>, sends are paced to that many per second in all; <c>progress</c> sees each send as it ends.
/// </summary>
public static class MessageLoad
{
    public static async Task<LoadResult> RunAsync(
        Uri gateway, string token, IReadOnlyList<string> recipients, int perRecipient, TimeSpan? duration = null,
        double? rate = null, LoadProgress? progress = null, MessageMix? mix = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        mix ??= MessageMix.TextOnly;
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        mix = await mix.UploadAsync(http, cancellationToken);
        var accepted = new ConcurrentDictionary<string, List<string>>();
        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentDictionary<string, int>();
        var stopAt = duration is { } d ? Stopwatch.GetTimestamp() + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        var clock = Stopwatch.StartNew();
        var pacer = rate is { } perSecond ? new Pacer(perSecond) : null;

        await Task.WhenAll(recipients.Select(async recipient =>
        {
            var ids = accepted.GetOrAdd(recipient, _ => []);
            for (var seq = 1; seq <= perRecipient && Stopwatch.GetTimestamp() < stopAt && !cancellationToken.IsCancellationRequested;)
            {
                if (pacer is not null && !await pacer.WaitAsync(stopAt, cancellationToken))
                {
                    break;
                }

                var started = Stopwatch.GetTimestamp();
                var error = await SendAsync(http, recipient, seq, cancellationToken);
                var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                progress?.Record(latency, error);
                if (error is null)
                {
                    latencies.Add(latency);
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
                    using var content = new StringContent(mix.Body(to, n), Encoding.UTF8, "application/json");
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

    public static double Percentile(List<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
    }

    /// <summary>
    /// Hands out send slots <c>1 / rate</c> seconds apart to whichever caller asks next; slots missed
    /// while every caller waited on the gateway are caught up, so the average stays at the rate.
    /// </summary>
    private sealed class Pacer(double rate)
    {
        private readonly long _interval = Math.Max(1, (long)(Stopwatch.Frequency / rate));
        private long _next = Stopwatch.GetTimestamp();

        /// <summary>Waits for the caller's slot; false when the slot falls after <paramref name="stopAt"/>.</summary>
        public async Task<bool> WaitAsync(long stopAt, CancellationToken cancellationToken)
        {
            var now = Stopwatch.GetTimestamp();
            var slot = Interlocked.Add(ref _next, _interval) - _interval;
            if (slot >= stopAt)
            {
                return false;
            }

            var wait = TimeSpan.FromSeconds((double)(slot - now) / Stopwatch.Frequency);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            return true;
        }
    }
}
