using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Multiconnect.Contracts.Telemetry;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Metrics;

/// <summary>
/// The gateway's request instruments on the <c>Multiconnect</c> meter, and the same counts kept for
/// <c>GET /v1/metrics</c>. Names and meanings: docs/metrics.md.
/// </summary>
public sealed class ApiMetrics
{
    /// <summary>The endpoint label of a request no route matched (404s, mostly).</summary>
    public const string Unmatched = "unmatched";

    /// <summary>The method label of a request whose method is not one of HTTP's usual ones (as OpenTelemetry's conventions name it).</summary>
    public const string OtherMethod = "_OTHER";

    /// <summary>Labels come from fixed sets: a client inventing methods must not grow the series, or this process's memory.</summary>
    private static readonly HashSet<string> Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"];

    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly ConcurrentDictionary<(string Endpoint, string Method, int Status), StrongBox<long>> _counts = new();

    public ApiMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MulticonnectMeter.Name);
        _requests = meter.CreateCounter<long>("multiconnect.api.requests", description: "Requests answered, by route pattern, method and HTTP status");
        _errors = meter.CreateCounter<long>("multiconnect.api.errors", description: "Errors answered, by route pattern and WhatsApp error code");
    }

    public void Record(string endpoint, string method, int status, ApiError? error)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(method);
        method = Methods.Contains(method) ? method : OtherMethod;
        _requests.Add(1,
            new KeyValuePair<string, object?>("endpoint", endpoint),
            new KeyValuePair<string, object?>("method", method),
            new KeyValuePair<string, object?>("status", status.ToString(CultureInfo.InvariantCulture)));
        Interlocked.Increment(ref _counts.GetOrAdd((endpoint, method, status), _ => new StrongBox<long>()).Value);
        foreach (var item in error?.Errors ?? [])
        {
            _errors.Add(1,
                new KeyValuePair<string, object?>("endpoint", endpoint),
                new KeyValuePair<string, object?>("code", item.Code.ToString(CultureInfo.InvariantCulture)));
        }
    }

    public IReadOnlyList<ApiRequestCount> RequestCounts() =>
        [.. _counts
            .Select(count => new ApiRequestCount(count.Key.Endpoint, count.Key.Method, count.Key.Status, Interlocked.Read(ref count.Value.Value)))
            .OrderBy(count => count.Endpoint, StringComparer.Ordinal).ThenBy(count => count.Method, StringComparer.Ordinal).ThenBy(count => count.Status)];
}
