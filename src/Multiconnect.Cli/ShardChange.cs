using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Multiconnect.Cli;

/// <summary>
/// Changes the shard count as a user's script would (POST /v1/account/shards with the certificate up
/// registered the number with), and times the handover: until every shard acts under the new
/// generation with no recipient held.
/// </summary>
internal static class ShardChange
{
    private static readonly TimeSpan HandoverTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The answer's status and body, and how long it took.</summary>
    public static async Task<(HttpStatusCode Status, string Body, TimeSpan Took)> RequestAsync(
        ClusterHome home, Credentials credentials, GatewayClient gateway, int shards, CancellationToken cancellationToken)
    {
        var cert = home.ReadCertificate() ?? throw new InvalidOperationException($"{home.CertificateFile} is missing: start the cluster with ./mc up.");
        var clock = Stopwatch.StartNew();
        using var response = await gateway.Http.PostAsJsonAsync(
            "/v1/account/shards", new { cc = credentials.Cc, phone_number = credentials.PhoneNumber, shards, cert }, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), clock.Elapsed);
    }

    /// <summary>Changes the count and waits for the handover; the chaos event that reports both.</summary>
    public static async Task<ChaosEvent> RunAsync(ClusterHome home, LoadRun run, int from, int to, CancellationToken cancellationToken)
    {
        var change = $"{from}->{to}";
        var (status, _, took) = await RequestAsync(home, run.Credentials, run.Gateway, to, cancellationToken);
        if (status != HttpStatusCode.Created)
        {
            return new ChaosEvent(Change: change);
        }

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < HandoverTimeout)
        {
            if (await HandedOverAsync(run.Gateway, to, cancellationToken))
            {
                return new ChaosEvent(Change: change, AcceptedInS: Math.Round(took.TotalSeconds, 2), HandoverS: Math.Round((took + clock.Elapsed).TotalSeconds, 2));
            }

            await Task.Delay(100, cancellationToken);
        }

        return new ChaosEvent(Change: change, AcceptedInS: Math.Round(took.TotalSeconds, 2));
    }

    /// <summary>In GET /v1/shards: every shard of the new count placed, under the map's generation, holding nothing.</summary>
    public static bool HandedOver(JsonElement map, int shards)
    {
        var generation = map.GetProperty("generation").GetInt64();
        var placements = map.GetProperty("placements").EnumerateArray().ToList();
        return map.GetProperty("shards").GetInt32() == shards && placements.Count == shards
            && placements.All(p => p.GetProperty("generation").GetInt64() == generation && p.GetProperty("held_buckets").GetInt32() == 0);
    }

    private static async Task<bool> HandedOverAsync(GatewayClient gateway, int shards, CancellationToken cancellationToken)
    {
        try
        {
            return HandedOver(await gateway.GetAsync("/v1/shards", cancellationToken), shards);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return false;
        }
    }
}
