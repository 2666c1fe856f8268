using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Multiconnect.Tests.Integration.Infrastructure;

/// <summary>GET and PATCH /v1/settings/application through a gateway, as a client calls them.</summary>
public static class ApplicationSettingsClient
{
    public static Task<HttpResponseMessage> PatchAsync(GatewayNode gateway, string token, string json)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        return gateway.SendAsync(HttpMethod.Patch, "/v1/settings/application", token, json);
    }

    /// <summary>Sets the fields given (null: unchanged) and checks the answer.</summary>
    public static async Task SetAsync(GatewayNode gateway, string token, Uri? url = null, bool? sentStatus = null)
    {
        var patch = new JsonObject();
        if (url is not null)
        {
            patch["webhooks"] = new JsonObject { ["url"] = url.ToString() };
        }

        if (sentStatus is { } sent)
        {
            patch["sent_status"] = sent;
        }

        using var response = await PatchAsync(gateway, token, patch.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>GET, returning (webhooks.url, sent_status) and checking the shape has nothing else.</summary>
    public static async Task<(string Url, bool SentStatus)> GetAsync(GatewayNode gateway, string token)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var body = await gateway.GetJsonAsync("/v1/settings/application", token);
        return Read(body);
    }

    /// <summary>Reads <c>{"settings":{"application":{"webhooks":{"url"},"sent_status"}}}</c>, the only shape allowed.</summary>
    public static (string Url, bool SentStatus) Read(JsonElement body)
    {
        Assert.Equal(["settings"], body.EnumerateObject().Select(p => p.Name));
        var settings = body.GetProperty("settings");
        Assert.Equal(["application"], settings.EnumerateObject().Select(p => p.Name));
        var application = settings.GetProperty("application");
        Assert.Equal(["webhooks", "sent_status"], application.EnumerateObject().Select(p => p.Name));
        var webhooks = application.GetProperty("webhooks");
        Assert.Equal(["url"], webhooks.EnumerateObject().Select(p => p.Name));
        return (webhooks.GetProperty("url").GetString()!, application.GetProperty("sent_status").GetBoolean());
    }

    public static async Task<(string Url, bool SentStatus)> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Read(await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
