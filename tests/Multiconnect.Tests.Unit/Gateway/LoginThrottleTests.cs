using System.Net;
using Microsoft.Extensions.Options;
using Multiconnect.Gateway.Auth;

namespace Multiconnect.Tests.Unit.Gateway;

public sealed class LoginThrottleTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.7");

    [Fact]
    public void An_address_is_blocked_after_its_allowed_failures_only_and_told_how_long_to_wait()
    {
        using var throttle = new LoginThrottle(Options.Create(new AuthOptions { FailedLoginLimit = 3, FailedLoginWindow = TimeSpan.FromHours(1) }));

        for (var failure = 0; failure < 3; failure++)
        {
            Assert.Null(throttle.Blocked(Client)); // asking takes nothing
            Assert.Null(throttle.Blocked(Client));
            throttle.Failed(Client);
        }

        var wait = throttle.Blocked(Client);
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(20)); // one attempt comes back every window / limit
        Assert.Null(throttle.Blocked(IPAddress.Parse("192.0.2.8"))); // per address
    }
}
