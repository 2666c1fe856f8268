using System.Text;
using Microsoft.AspNetCore.Http;
using Multiconnect.Gateway.Requests;

namespace Multiconnect.Tests.Unit.Gateway;

/// <summary>Login's body is optional: none at all, or a JSON object with a new_password that meets the rules.</summary>
public sealed class LoginBodyTests
{
    [Fact]
    public async Task No_body_is_a_login_without_a_new_password()
    {
        var login = await JsonRequestBody.ReadAsync<LoginBody>(new DefaultHttpContext().Request);

        Assert.True(login.IsValid);
        Assert.Null(login.Value.NewPassword);
    }

    [Theory]
    [InlineData("{}", "application/json", null)]
    [InlineData("""{"new_password":null}""", "application/json", null)]
    [InlineData("""{"new_password":"Better-pass1"}""", "application/json", "Better-pass1")]
    public async Task A_json_object_may_carry_a_new_password(string body, string type, string? newPassword)
    {
        var login = await JsonRequestBody.ReadAsync<LoginBody>(Request(body, type));

        Assert.True(login.IsValid);
        Assert.Equal(newPassword, login.Value.NewPassword);
    }

    [Theory]
    [InlineData("", "application/json", 400)]
    [InlineData("{}", "text/plain", 415)]
    [InlineData("""{"new_password":"weak"}""", "application/json", 400)]
    [InlineData("""{"new_password":12345678}""", "application/json", 400)]
    [InlineData("""{"password":"Better-pass1"}""", "application/json", 400)]
    [InlineData("[]", "application/json", 400)]
    public async Task Anything_else_is_refused_before_any_password_is_checked(string body, string type, int status)
    {
        var login = await JsonRequestBody.ReadAsync<LoginBody>(Request(body, type));

        Assert.False(login.IsValid);
        Assert.Equal(status, login.Error.StatusCode);
    }

    private static HttpRequest Request(string body, string contentType)
    {
        var request = new DefaultHttpContext().Request;
        var bytes = Encoding.UTF8.GetBytes(body);
        request.Body = new MemoryStream(bytes);
        request.ContentLength = bytes.Length;
        request.ContentType = contentType;
        return request;
    }
}
