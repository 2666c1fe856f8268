using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Tests.Unit.Gateway;

public sealed class ApiErrorTests
{
    [Theory]
    [InlineData(401, 1005)]
    [InlineData(404, 1006)]
    [InlineData(405, 1000)]
    [InlineData(413, 1009)]
    [InlineData(415, 1009)]
    [InlineData(429, 1015)]
    [InlineData(500, 1014)]
    [InlineData(503, 1011)]
    public void Bare_statuses_map_to_whatsapp_error_codes(int status, int code)
    {
        var error = ApiError.ForStatus(status, "GET", "/v1/x");

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(code, Assert.Single(error.Errors).Code);
    }

    [Fact]
    public async Task An_error_is_written_in_the_whatsapp_format()
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };

        await ApiError.Invalid("shards", "must be one of 1, 2, 4").ExecuteAsync(context);

        Assert.Equal(400, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        using var json = await JsonDocument.ParseAsync(context.Response.Body);
        var error = json.RootElement.GetProperty("errors")[0];
        Assert.Equal(1009, error.GetProperty("code").GetInt32());
        Assert.Equal("Parameter value is not valid", error.GetProperty("title").GetString());
        Assert.Equal("shards: must be one of 1, 2, 4", error.GetProperty("details").GetString());
        Assert.Equal("stable", json.RootElement.GetProperty("meta").GetProperty("api_status").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("meta").GetProperty("version").GetString()));
    }
}
