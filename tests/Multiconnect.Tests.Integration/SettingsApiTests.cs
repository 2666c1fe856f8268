using System.Net;
using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration;

/// <summary>GET and PATCH /v1/settings/application over a real socket: the original's shape, partial updates, and field-by-field errors.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class SettingsApiTests(ApiClusterFixture api)
{
    private GatewayNode Gateway => api.Gateway;

    [Fact]
    public async Task A_patch_changes_only_the_fields_it_names_and_get_returns_them_in_the_original_shape()
    {
        using (var set = await ApplicationSettingsClient.PatchAsync(Gateway, api.Token, """{"webhooks":{"url":"https://hooks.example.com/wa?tenant=7"},"sent_status":true}"""))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            Assert.Equal(("https://hooks.example.com/wa?tenant=7", true), await ApplicationSettingsClient.ReadAsync(set));
        }

        Assert.Equal(("https://hooks.example.com/wa?tenant=7", true), await ApplicationSettingsClient.GetAsync(Gateway, api.Token));

        await ApplicationSettingsClient.SetAsync(Gateway, api.Token, sentStatus: false);
        Assert.Equal(("https://hooks.example.com/wa?tenant=7", false), await ApplicationSettingsClient.GetAsync(Gateway, api.Token));

        using (var clear = await ApplicationSettingsClient.PatchAsync(Gateway, api.Token, """{"webhooks":{"url":""}}"""))
        {
            Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        }

        Assert.Equal(("", false), await ApplicationSettingsClient.GetAsync(Gateway, api.Token));

        using (var nothing = await ApplicationSettingsClient.PatchAsync(Gateway, api.Token, "{}"))
        {
            var error = Assert.Single(await ApiAssert.ErrorsAsync(nothing, HttpStatusCode.BadRequest, 1009));
            Assert.Equal("No valid parameters provided", error.GetProperty("details").GetString());
        }
    }

    [Fact]
    public async Task The_originals_example_bodies_are_accepted_shown_and_reset_by_delete()
    {
        // The original's webhook set-up example (back-off delays as strings), and its multiconnect intervals.
        using (var webhook = await ApplicationSettingsClient.PatchAsync(Gateway, api.Token, """
            {"callback_persist":false,"callback_backoff_delay_ms":"1000","max_callback_backoff_delay_ms":"60000",
             "webhooks":{"url":"https://hooks.example.com/wa","max_concurrent_requests":12,"message":{"delivered":false}}}
            """))
        {
            Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);
        }

        using (var intervals = await ApplicationSettingsClient.PatchAsync(Gateway, api.Token, """{"heartbeat_interval":7,"unhealthy_interval":40,"sent_status":true}"""))
        {
            Assert.Equal(HttpStatusCode.OK, intervals.StatusCode);
        }

        var set = ApplicationSettingsClient.Application(await Gateway.GetJsonAsync("/v1/settings/application", api.Token));
        Assert.Equal(
            """{"webhooks":{"url":"https://hooks.example.com/wa","max_concurrent_requests":12,"message":{"sent":true,"delivered":false,"read":true}},"sent_status":true,"callback_persist":false,"callback_backoff_delay_ms":1000,"max_callback_backoff_delay_ms":60000,"heartbeat_interval":7,"unhealthy_interval":40}""",
            set.GetRawText());

        using (var reset = await Gateway.SendAsync(HttpMethod.Delete, "/v1/settings/application", api.Token))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }

        var defaults = ApplicationSettingsClient.Application(await Gateway.GetJsonAsync("/v1/settings/application", api.Token));
        Assert.Equal(
            """{"webhooks":{"url":"","max_concurrent_requests":6,"message":{"sent":false,"delivered":true,"read":true}},"sent_status":false,"callback_persist":true,"callback_backoff_delay_ms":3000,"max_callback_backoff_delay_ms":900000,"heartbeat_interval":5,"unhealthy_interval":30}""",
            defaults.GetRawText());
    }

    [Theory]
    [InlineData("""{"webhooks":{"url":"ftp://hooks.example.com/wa"}}""", 1009, "webhooks.url")]
    [InlineData("""{"webhooks":{"url":"/relative/path"}}""", 1009, "webhooks.url")]
    [InlineData("""{"webhooks":{"url":"https://"}}""", 1009, "webhooks.url")]
    [InlineData("""{"webhooks":{"url":"https://hooks.example.com/a b"}}""", 1009, "webhooks.url")]
    [InlineData("""{"webhooks":{"url":42}}""", 1009, "webhooks.url")]
    [InlineData("""{"webhooks":"https://hooks.example.com/wa"}""", 1009, "webhooks")]
    [InlineData("""{"webhooks":{"uri":"https://hooks.example.com/wa"}}""", 1009, "webhooks.uri")]
    [InlineData("""{"sent_status":"true"}""", 1009, "sent_status")]
    [InlineData("""{"sent_status":1}""", 1009, "sent_status")]
    [InlineData("""{"pass_through":true}""", 1009, "pass_through")]
    [InlineData("""{"callback_persist":"yes"}""", 1009, "callback_persist")]
    [InlineData("""{"callback_backoff_delay_ms":"3s"}""", 1009, "callback_backoff_delay_ms")]
    [InlineData("""{"callback_backoff_delay_ms":50}""", 1009, "callback_backoff_delay_ms")]
    [InlineData("""{"max_callback_backoff_delay_ms":"999999999"}""", 1009, "max_callback_backoff_delay_ms")]
    [InlineData("""{"webhooks":{"max_concurrent_requests":7}}""", 1009, "webhooks.max_concurrent_requests")]
    [InlineData("""{"webhooks":{"message":{"failed":false}}}""", 1009, "webhooks.message.failed")]
    [InlineData("""{"sent_status":true,"webhooks":{"message":{"sent":false}}}""", 1009, "sent_status")]
    [InlineData("""{"heartbeat_interval":0}""", 1009, "heartbeat_interval")]
    [InlineData("""{"sent_status":true,"webhooks":{"url":"not a url"}}""", 1009, "webhooks.url")]
    public async Task A_bad_field_is_named_in_a_400_and_nothing_changes(string body, int code, string field)
    {
        await ApplicationSettingsClient.SetAsync(Gateway, api.Token, new Uri("https://before.example.com/hook"), sentStatus: false);

        using var response = await ApplicationSettingsClient.PatchAsync(Gateway, api.Token, body);

        var error = Assert.Single(await ApiAssert.ErrorsAsync(response, HttpStatusCode.BadRequest, code));
        Assert.StartsWith(field + ":", error.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal(("https://before.example.com/hook", false), await ApplicationSettingsClient.GetAsync(Gateway, api.Token));
    }

    [Fact]
    public async Task Every_bad_field_is_reported_at_once()
    {
        using var response = await ApplicationSettingsClient.PatchAsync(Gateway, api.Token, """{"webhooks":{"url":7},"sent_status":"yes","media":{}}""");

        var errors = await ApiAssert.ErrorsAsync(response, HttpStatusCode.BadRequest, 1009);
        Assert.Equal(["media", "sent_status", "webhooks.url"], errors.Select(e => e.GetProperty("details").GetString()!.Split(':')[0]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"webhooks":""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""[{"sent_status":true}]""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("sent_status=true", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task A_body_that_is_not_a_json_object_is_refused_in_the_error_format(string body, string contentType, HttpStatusCode status)
    {
        using var response = await Gateway.SendAsync(HttpMethod.Patch, "/v1/settings/application", api.Token, body, contentType);

        await ApiAssert.ErrorsAsync(response, status, 1009);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task The_settings_need_a_valid_token(string method)
    {
        using var response = await Gateway.SendAsync(new HttpMethod(method), "/v1/settings/application", "not-a-token", method == "PATCH" ? """{"sent_status":true}""" : null);

        await ApiAssert.ErrorsAsync(response, HttpStatusCode.Unauthorized, 1005);
    }
}
