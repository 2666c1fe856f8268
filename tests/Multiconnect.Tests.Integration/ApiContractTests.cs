using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Multiconnect.Tests.Integration.Infrastructure;
using Multiconnect.Testing;

namespace Multiconnect.Tests.Integration;

/// <summary>The gateway's HTTP contract, over a real socket: login, tokens, the shard API and its errors.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class ApiContractTests(ApiClusterFixture api)
{
    private GatewayNode Gateway => api.Gateway;

    [Fact]
    public async Task Login_returns_a_token_that_expires_after_seven_days()
    {
        using var response = await Gateway.LoginResponseAsync(LocalCluster.AdminUser, LocalCluster.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("users")[0];
        Assert.True(user.GetProperty("token").GetString()!.Length >= 40);
        var expires = DateTimeOffset.ParseExact(user.GetProperty("expires_after").GetString()!, "yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(7));
    }

    [Theory]
    [InlineData("POST", "/v1/messages", """{"to":"16315551234","type":"location","location":{"latitude":1.5,"longitude":2.5}}""", HttpStatusCode.Created)]
    [InlineData("GET", "/v1/health", null, HttpStatusCode.OK)]
    [InlineData("GET", "/v1/account/shards", null, HttpStatusCode.OK)]
    [InlineData("POST", "/v1/contacts", """{"contacts":["16315551234"]}""", HttpStatusCode.OK)]
    [InlineData("POST", "/v1/users/logout", null, HttpStatusCode.OK)]
    public async Task Every_answer_carries_the_originals_meta(string method, string path, string? body, HttpStatusCode status)
    {
        var token = path == "/v1/users/logout" ? await Gateway.LoginAsync() : api.Token; // not the token the other tests use
        using var response = await Gateway.SendAsync(new HttpMethod(method), path, token, body);

        Assert.Equal(status, response.StatusCode);
        var meta = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meta");
        Assert.Equal("stable", meta.GetProperty("api_status").GetString());
        Assert.False(string.IsNullOrEmpty(meta.GetProperty("version").GetString()));
    }

    [Theory]
    [InlineData("admin", "wrong-password")]
    [InlineData("root", null)]
    [InlineData("", "")]
    public async Task Login_with_wrong_credentials_is_refused(string user, string? password)
    {
        using var response = await Gateway.LoginResponseAsync(user, password ?? LocalCluster.AdminPassword);

        await AssertError(response, HttpStatusCode.Unauthorized, 1005);
    }

    [Fact]
    public async Task Login_without_basic_credentials_is_refused()
    {
        using var response = await Gateway.SendAsync(HttpMethod.Post, "/v1/users/login", token: null);

        await AssertError(response, HttpStatusCode.Unauthorized, 1005);
    }

    [Theory]
    [InlineData("GET", "/v1/account/shards")]
    [InlineData("POST", "/v1/account/shards")]
    [InlineData("POST", "/v1/account")]
    [InlineData("POST", "/v1/account/verify")]
    [InlineData("POST", "/v1/contacts")]
    [InlineData("GET", "/v1/stats/app")]
    [InlineData("GET", "/v1/stats/db")]
    [InlineData("DELETE", "/v1/settings/application")]
    [InlineData("GET", "/openapi/v1.json")]
    [InlineData("GET", "/dashboard/")]
    [InlineData("GET", "/v1/no-such-thing")]
    public async Task Every_endpoint_but_login_needs_a_valid_token(string method, string path)
    {
        foreach (var token in new[] { null, "not-a-token", api.Token + "x" })
        {
            using var response = await Gateway.SendAsync(new HttpMethod(method), path, token, method == "POST" ? "{}" : null);

            await AssertError(response, HttpStatusCode.Unauthorized, 1005);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    [InlineData(64)]
    public async Task A_shard_count_outside_the_set_is_refused_and_changes_nothing(int shards)
    {
        var before = await Gateway.GetShardCountAsync(api.Token);

        using var response = await Gateway.SetShardCountAsync(api.Token, shards);

        var error = await AssertError(response, HttpStatusCode.BadRequest, 1009);
        Assert.Contains("shards", error.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Gateway.GetShardCountAsync(api.Token));
    }

    [Fact]
    public async Task A_missing_parameter_is_1008()
    {
        using var response = await Gateway.SendAsync(HttpMethod.Post, "/v1/account/shards", api.Token,
            """{"cc":"1","phone_number":"6315551234","cert":"Q2VydGlmaWNhdGU="}""");

        var error = await AssertError(response, HttpStatusCode.BadRequest, 1008);
        Assert.Contains("shards", error.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"cc":"1",""")]
    [InlineData("""not json""")]
    [InlineData("""[1,2]""")]
    [InlineData("")]
    public async Task A_body_that_is_not_a_json_object_is_400_in_the_error_format(string body)
    {
        using var response = await Gateway.SendAsync(HttpMethod.Post, "/v1/account/shards", api.Token, body);

        await AssertError(response, HttpStatusCode.BadRequest, 1009);
    }

    [Fact]
    public async Task A_body_that_is_not_json_by_content_type_is_415()
    {
        using var response = await Gateway.SendAsync(HttpMethod.Post, "/v1/account/shards", api.Token, "shards=4", "text/plain");

        await AssertError(response, HttpStatusCode.UnsupportedMediaType, 1009);
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        var cert = new string('A', 200_000);
        using var response = await Gateway.SendAsync(HttpMethod.Post, "/v1/account/shards", api.Token,
            $$"""{"cc":"1","phone_number":"6315551234","shards":2,"cert":"{{cert}}"}""");

        await AssertError(response, HttpStatusCode.RequestEntityTooLarge, 1009);
    }

    [Fact]
    public async Task An_unknown_path_is_404_and_a_wrong_method_405()
    {
        using (var notFound = await Gateway.SendAsync(HttpMethod.Get, "/v1/no-such-thing", api.Token))
        {
            await AssertError(notFound, HttpStatusCode.NotFound, 1006);
        }

        using var wrongMethod = await Gateway.SendAsync(HttpMethod.Delete, "/v1/account/shards", api.Token);
        await AssertError(wrongMethod, HttpStatusCode.MethodNotAllowed, 1000);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        using var response = await Gateway.SendAsync(HttpMethod.Get, "/openapi/v1.json", api.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/users/login", out _));
        Assert.True(paths.GetProperty("/v1/account/shards").TryGetProperty("post", out _));
        var metrics = paths.GetProperty("/v1/metrics").GetProperty("get");
        Assert.Contains(metrics.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "format");
        var answers = metrics.GetProperty("responses");
        var content = answers.GetProperty("200").GetProperty("content");
        Assert.Equal("string", content.GetProperty("text/plain").GetProperty("schema").GetProperty("type").GetString());
        Assert.True(content.GetProperty("application/json").GetProperty("schema").TryGetProperty("$ref", out _));
        Assert.True(answers.TryGetProperty("400", out _));
    }

    [Fact]
    public async Task The_dashboard_asks_a_browser_for_the_admin_login_and_shows_the_coreapps()
    {
        using (var anonymous = await Gateway.SendAsync(HttpMethod.Get, "/dashboard/", token: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        }

        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{LocalCluster.AdminUser}:{LocalCluster.AdminPassword}"));
        using var page = new HttpRequestMessage(HttpMethod.Get, "/dashboard/") { Headers = { { "Authorization", $"Basic {basic}" } } };
        using (var response = await Gateway.Http.SendAsync(page))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Its data comes from the silos: the CoreApp appears among the dashboard's hosts.
        await Eventually.True(async () =>
        {
            using var counters = await Gateway.SendAsync(HttpMethod.Get, "/dashboard/DashboardCounters", api.Token);
            return counters.StatusCode == HttpStatusCode.OK && (await counters.Content.ReadAsStringAsync()).Contains("coreapp-a", StringComparison.Ordinal);
        }, "the dashboard to list CoreApp coreapp-a", TimeSpan.FromSeconds(30));
    }

    private static async Task<JsonElement> AssertError(HttpResponseMessage response, HttpStatusCode status, int code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        var error = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("details").GetString()));
        Assert.Equal("stable", json.RootElement.GetProperty("meta").GetProperty("api_status").GetString());
        return error.Clone();
    }
}
