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

    /// <summary>
    /// Reads <c>{"settings":{"application":{…}}}</c>, the only shape allowed, returning (webhooks.url,
    /// sent_status) after checking that webhooks.message.sent says the same.
    /// </summary>
    public static (string Url, bool SentStatus) Read(JsonElement body)
    {
        var application = Application(body);
        var webhooks = application.GetProperty("webhooks");
        var sentStatus = application.GetProperty("sent_status").GetBoolean();
        Assert.Equal(sentStatus, webhooks.GetProperty("message").GetProperty("sent").GetBoolean());
        return (webhooks.GetProperty("url").GetString()!, sentStatus);
    }

    /// <summary>The <c>application</c> object, once its keys and its webhooks' keys are checked to be the original's, and only those.</summary>
    public static JsonElement Application(JsonElement body)
    {
        Assert.Equal(["meta", "settings"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var settings = body.GetProperty("settings");
        Assert.Equal(["application"], settings.EnumerateObject().Select(p => p.Name));
        var application = settings.GetProperty("application");
        Assert.Equal(
            ["webhooks", "sent_status", "callback_persist", "callback_backoff_delay_ms", "max_callback_backoff_delay_ms", "heartbeat_interval", "unhealthy_interval"],
            application.EnumerateObject().Select(p => p.Name));
        var webhooks = application.GetProperty("webhooks");
        Assert.Equal(["url", "max_concurrent_requests", "message"], webhooks.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["sent", "delivered", "read"], webhooks.GetProperty("message").EnumerateObject().Select(p => p.Name));
        return application;
    }

    public static async Task<(string Url, bool SentStatus)> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Read(await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
