using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Multiconnect.Harness;

/// <summary>A gateway process and an HTTP client that talks to it over a real socket.</summary>
public sealed class GatewayNode(NodeProcess process, Uri baseAddress)
{
    public NodeProcess Process { get; } = process;

    public HttpClient Http { get; } = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async Task WaitUntilReadyAsync()
    {
        var token = await Eventually.Get(
            async () => Process.HasExited ? throw new InvalidOperationException($"{Process.Name} exited:\n{Process.Output}") : await TryLoginAsync(),
            $"gateway {Process.Name} to accept a login", TimeSpan.FromSeconds(60));
        await Eventually.True(
            async () => (await SendAsync(HttpMethod.Get, "/v1/account/shards", token)).StatusCode == HttpStatusCode.OK,
            $"gateway {Process.Name} to reach the cluster", TimeSpan.FromSeconds(60));
    }

    public async Task<string> LoginAsync(string user = LocalCluster.AdminUser, string? password = null)
    {
        using var response = await LoginResponseAsync(user, password ?? LocalCluster.AdminPassword);
        response.EnsureSuccessStatusCode();
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return json.RootElement.GetProperty("users")[0].GetProperty("token").GetString()!;
    }

    /// <summary>POST /v1/users/login with HTTP Basic, and a JSON body when given (such as new_password); the answer as it came.</summary>
    public Task<HttpResponseMessage> LoginResponseAsync(string user, string password, string? json = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/users/login");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? json = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, contentType);
        }

        return Http.SendAsync(request);
    }

    public async Task<int> GetShardCountAsync(string token)
    {
        using var response = await SendAsync(HttpMethod.Get, "/v1/account/shards", token);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("account").GetProperty("shards").GetInt32();
    }

    /// <summary>POST /v1/account/shards as a client calls it (by default for a made-up number without upstream); the answer as it came.</summary>
    public Task<HttpResponseMessage> SetShardCountAsync(string token, int shards, string phone = "6315551234", string cert = "Q2VydGlmaWNhdGU=") =>
        SendAsync(HttpMethod.Post, "/v1/account/shards", token,
            $$"""{"cc":"1","phone_number":"{{phone}}","shards":{{shards}},"cert":"{{cert}}"}""");

    /// <summary>GET a path and parse the JSON body; throws on a non-success status.</summary>
    public async Task<JsonElement> GetJsonAsync(string path, string token, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        using var response = await Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    private async Task<string?> TryLoginAsync()
    {
        using var response = await LoginResponseAsync(LocalCluster.AdminUser, LocalCluster.AdminPassword);
        return response.IsSuccessStatusCode ? await LoginAsync() : null;
    }
}
