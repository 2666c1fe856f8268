using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Multiconnect.Cli;

/// <summary>The gateway's API with an admin token, as a user's scripts call it.</summary>
internal sealed class GatewayClient : IDisposable
{
    private GatewayClient(HttpClient http, string token)
    {
        Http = http;
        Token = token;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public HttpClient Http { get; }

    public string Token { get; }

    /// <summary>Logs in (POST /v1/users/login with basic auth); null when the gateway does not answer or refuses.</summary>
    public static async Task<GatewayClient?> TryLoginAsync(Uri api, Credentials credentials, CancellationToken cancellationToken = default)
    {
        var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(15) };
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/users/login");
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.User}:{credentials.Password}")));
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                return new GatewayClient(http, body.GetProperty("users")[0].GetProperty("token").GetString()!);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            // Not up (yet).
        }

        http.Dispose();
        return null;
    }

    public async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync(path, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    /// <summary>The shard map: shard → (node name, epoch), for shards placed.</summary>
    public async Task<IReadOnlyDictionary<int, (string Node, long Epoch)>> PlacementsAsync(CancellationToken cancellationToken = default) =>
        (await ShardMapAsync(cancellationToken)).Placements;

    /// <summary>The shard count in force, and shard → (node name, epoch) for shards placed.</summary>
    public async Task<(int Shards, IReadOnlyDictionary<int, (string Node, long Epoch)> Placements)> ShardMapAsync(CancellationToken cancellationToken = default)
    {
        var map = await GetAsync("/v1/shards", cancellationToken);
        return (map.GetProperty("shards").GetInt32(), map.GetProperty("placements").EnumerateArray().ToDictionary(
            p => p.GetProperty("shard").GetInt32(),
            p => (NodeName(p.GetProperty("node").GetString()!), p.GetProperty("epoch").GetInt64())));
    }

    /// <summary>Asks one shard where it runs (activating it if it is not): its node name and epoch.</summary>
    public async Task<(string Node, long Epoch)> ShardAsync(int shard, CancellationToken cancellationToken = default)
    {
        var placement = await GetAsync($"/v1/shards/{shard}", cancellationToken);
        return (NodeName(placement.GetProperty("node").GetString()!), placement.GetProperty("epoch").GetInt64());
    }

    public void Dispose() => Http.Dispose();

    /// <summary>Nodes are reported as "host:name"; ./mc knows them by name.</summary>
    private static string NodeName(string node) => node[(node.LastIndexOf(':') + 1)..];
}
