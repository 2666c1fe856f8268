using Microsoft.AspNetCore.Http;
using Multiconnect.Gateway.Auth;

namespace Multiconnect.Tests.Unit.Gateway;

public sealed class CredentialTests
{
    [Fact]
    public void A_password_hash_matches_only_its_password()
    {
        var hash = PasswordHash.Create("correct horse");

        Assert.True(hash.Matches("correct horse"));
        Assert.False(hash.Matches("correct horse "));
        Assert.False(hash.Matches(""));
    }

    [Theory]
    [InlineData("Basic YWRtaW46cGFzczp3b3Jk", "admin", "pass:word")]
    [InlineData("basic YWRtaW46", "admin", "")]
    public void Basic_credentials_are_read_from_the_header(string header, string user, string password)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers.Authorization = header;

        Assert.True(BasicCredentials.TryRead(request, out var credentials));
        Assert.Equal(new BasicCredentials(user, password), credentials);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("Basic !!!")]
    [InlineData("Basic bm9jb2xvbg==")]
    public void Anything_else_is_not_basic_credentials(string header)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers.Authorization = header;

        Assert.False(BasicCredentials.TryRead(request, out _));
    }
}
