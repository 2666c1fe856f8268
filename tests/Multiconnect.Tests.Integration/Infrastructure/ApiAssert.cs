using System.Net;
using System.Text.Json;

namespace Multiconnect.Tests.Integration.Infrastructure;

/// <summary>Assertions on the gateway's answers in the WhatsApp error format.</summary>
public static class ApiAssert
{
    /// <summary>Asserts the status and that every error has <paramref name="code"/>, a title and details; returns the errors.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ErrorsAsync(HttpResponseMessage response, HttpStatusCode status, int code)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal("stable", json.RootElement.GetProperty("meta").GetProperty("api_status").GetString());
        var errors = json.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.Clone()).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, error =>
        {
            Assert.Equal(code, error.GetProperty("code").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("title").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("details").GetString()));
        });
        return errors;
    }
}
