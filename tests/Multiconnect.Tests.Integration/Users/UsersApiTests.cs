using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration.Users;

/// <summary>
/// The original's users over real sockets, with two gateways on one database: the admin creates ROLE_USERs,
/// who send and read messages but get 403 (1005) on the admin's endpoints; logout, a password change and a
/// deletion end tokens at once on both gateways; bad input is refused and changes nothing.
/// </summary>
public sealed class UsersApiTests(UsersClusterFixture users) : IClassFixture<UsersClusterFixture>
{
    private const string Send = """{"to":"16315550123","type":"text","text":{"body":"from a user"}}""";

    private GatewayNode Gateway1 => users.Gateway1;

    private GatewayNode Gateway2 => users.Gateway2;

    [Fact]
    public async Task A_user_the_admin_creates_logs_in_sends_and_reads_messages_and_gets_403_on_shards_settings_account_and_users()
    {
        using (var created = await Gateway1.SendAsync(HttpMethod.Post, "/v1/users", users.AdminToken, """{"username":"alice","password":"Alice-pass1"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("alice", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("users")[0].GetProperty("username").GetString());
        }

        Assert.Equal("ROLE_USER", await RoleAsync(Gateway2, "alice", users.AdminToken));
        Assert.Equal("ROLE_ADMIN", await RoleAsync(Gateway2, "admin", users.AdminToken));
        var alice = await Gateway2.LoginAsync("alice", "Alice-pass1"); // the other gateway knows her too
        Assert.Equal("ROLE_USER", await RoleAsync(Gateway1, "alice", alice));

        // Messages and health are a user's.
        using (var sent = await Gateway1.SendAsync(HttpMethod.Post, "/v1/messages", alice, Send))
        {
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        }

        using (var read = await Gateway1.SendAsync(HttpMethod.Put, "/v1/messages/wamid.not-received", alice, """{"status":"read"}"""))
        {
            await ApiAssert.ErrorsAsync(read, HttpStatusCode.NotFound, 1006); // allowed; there is just no such message
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Gateway1, HttpMethod.Get, "/v1/health", alice));

        // Shards, settings, the account and other users are the admin's.
        var settingsBefore = await ApplicationSettingsClient.GetAsync(Gateway1, users.AdminToken);
        var shardsBefore = await Gateway1.GetShardCountAsync(users.AdminToken);
        (HttpMethod Method, string Path, string? Body)[] adminOnly =
        [
            (HttpMethod.Get, "/v1/account/shards", null),
            (HttpMethod.Post, "/v1/account/shards", """{"cc":"1","phone_number":"6315551234","shards":2,"cert":"Q2VydGlmaWNhdGU="}"""),
            (HttpMethod.Post, "/v1/account", """{"cc":"1","phone_number":"6315551234","method":"sms","cert":"Q2VydGlmaWNhdGU="}"""),
            (HttpMethod.Post, "/v1/account/verify", """{"code":"123456"}"""),
            (HttpMethod.Get, "/v1/shards", null),
            (HttpMethod.Get, "/v1/shards/0", null),
            (HttpMethod.Get, "/v1/settings/application", null),
            (HttpMethod.Patch, "/v1/settings/application", """{"webhooks":{"url":"https://attacker.example.com/"}}"""),
            (HttpMethod.Post, "/v1/settings/account/two-step", """{"pin":"123456"}"""),
            (HttpMethod.Delete, "/v1/settings/account/two-step", null),
            (HttpMethod.Post, "/v1/users", """{"username":"mallory","password":"Mallory-pass1"}"""),
            (HttpMethod.Delete, "/v1/users/admin", null),
            (HttpMethod.Get, "/v1/users/admin", null),
            (HttpMethod.Put, "/v1/users/admin", """{"password":"Taken-over1"}"""),
            (HttpMethod.Get, "/dashboard/", null),
        ];
        foreach (var (method, path, body) in adminOnly)
        {
            using var refused = await Gateway1.SendAsync(method, path, alice, body);
            await ApiAssert.ErrorsAsync(refused, HttpStatusCode.Forbidden, 1005);
        }

        using (var basic = await Gateway1.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/dashboard/") { Headers = { { "Authorization", Basic("alice", "Alice-pass1") } } }))
        {
            await ApiAssert.ErrorsAsync(basic, HttpStatusCode.Forbidden, 1005);
        }

        Assert.Equal(settingsBefore, await ApplicationSettingsClient.GetAsync(Gateway1, users.AdminToken));
        Assert.Equal(shardsBefore, await Gateway1.GetShardCountAsync(users.AdminToken));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(Gateway1, HttpMethod.Get, "/v1/users/mallory", users.AdminToken));
        await Gateway1.LoginAsync(LocalCluster.AdminUser, users.AdminPassword); // the admin's password is unchanged
    }

    [Fact]
    public async Task Logout_ends_that_token_at_once_on_every_gateway_and_leaves_the_users_other_tokens()
    {
        await CreateAsync("bob-logout", "Bob-pass12");
        var first = await Gateway1.LoginAsync("bob-logout", "Bob-pass12");
        var second = await Gateway1.LoginAsync("bob-logout", "Bob-pass12");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Gateway2, HttpMethod.Get, "/v1/users/bob-logout", first)); // known to gateway 2 before

        using (var logout = await Gateway1.SendAsync(HttpMethod.Post, "/v1/users/logout", first))
        {
            Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
            Assert.Equal("stable", (await logout.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meta").GetProperty("api_status").GetString());
        }

        foreach (var gateway in new[] { Gateway2, Gateway1 })
        {
            using var after = await gateway.SendAsync(HttpMethod.Post, "/v1/messages", first, Send);
            await ApiAssert.ErrorsAsync(after, HttpStatusCode.Unauthorized, 1005);
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(gateway, HttpMethod.Get, "/v1/users/bob-logout", second));
        }

        using var again = await Gateway2.SendAsync(HttpMethod.Post, "/v1/users/logout", first);
        await ApiAssert.ErrorsAsync(again, HttpStatusCode.Unauthorized, 1005);
    }

    [Fact]
    public async Task A_password_change_ends_every_token_of_that_user_at_once_and_only_the_new_password_logs_in()
    {
        await CreateAsync("carol", "Carol-pass1");
        var onOne = await Gateway1.LoginAsync("carol", "Carol-pass1");
        var onTwo = await Gateway2.LoginAsync("carol", "Carol-pass1");
        var other = await CreateAndLoginAsync("carol-friend", "Friend-pass1");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Gateway2, HttpMethod.Get, "/v1/users/carol", onOne));

        // Her own change, with the token of gateway 1: both her tokens end on both gateways.
        using (var change = await Gateway1.SendAsync(HttpMethod.Put, "/v1/users/carol", onOne, """{"password":"Carol-pass2"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, change.StatusCode);
            Assert.Equal("carol", (await change.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("users")[0].GetProperty("username").GetString());
        }

        foreach (var gateway in new[] { Gateway2, Gateway1 })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(gateway, HttpMethod.Post, "/v1/messages", onOne, Send));
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(gateway, HttpMethod.Post, "/v1/messages", onTwo, Send));
            Assert.Equal(HttpStatusCode.Created, await StatusAsync(gateway, HttpMethod.Post, "/v1/messages", other, Send)); // another user's token stays
        }

        using (var old = await Gateway1.LoginResponseAsync("carol", "Carol-pass1"))
        {
            await ApiAssert.ErrorsAsync(old, HttpStatusCode.Unauthorized, 1005);
        }

        // The admin changes it: the token she got meanwhile ends too.
        var meanwhile = await Gateway2.LoginAsync("carol", "Carol-pass2");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Gateway1, HttpMethod.Put, "/v1/users/carol", users.AdminToken, """{"password":"Carol-pass3"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(Gateway2, HttpMethod.Get, "/v1/users/carol", meanwhile));

        // new_password on login: the password changes before the token is issued, and earlier tokens end.
        var beforeLogin = await Gateway1.LoginAsync("carol", "Carol-pass3");
        using (var login = await Gateway2.LoginResponseAsync("carol", "Carol-pass3", """{"new_password":"Carol-pass4"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            var issued = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("users")[0].GetProperty("token").GetString()!;
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(Gateway1, HttpMethod.Get, "/v1/users/carol", issued));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(Gateway1, HttpMethod.Get, "/v1/users/carol", beforeLogin));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Gateway1.LoginResponseAsync("carol", "Carol-pass3")).StatusCode);
        await Gateway1.LoginAsync("carol", "Carol-pass4");

        // A user may change only itself.
        var friend = await Gateway1.LoginAsync("carol-friend", "Friend-pass1");
        using var foreign = await Gateway1.SendAsync(HttpMethod.Put, "/v1/users/carol", friend, """{"password":"Stolen-pass1"}""");
        await ApiAssert.ErrorsAsync(foreign, HttpStatusCode.Forbidden, 1005);
        await Gateway1.LoginAsync("carol", "Carol-pass4");
    }

    [Fact]
    public async Task Deleting_a_user_ends_its_tokens_at_once_and_its_name_can_be_given_again_without_them()
    {
        var dave = await CreateAndLoginAsync("dave", "Dave-pass12");
        Assert.Equal(HttpStatusCode.Created, await StatusAsync(Gateway2, HttpMethod.Post, "/v1/messages", dave, Send));

        using (var deleted = await Gateway1.SendAsync(HttpMethod.Delete, "/v1/users/dave", users.AdminToken))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
            Assert.Equal("dave", (await deleted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("users")[0].GetProperty("username").GetString());
        }

        foreach (var gateway in new[] { Gateway2, Gateway1 })
        {
            using var after = await gateway.SendAsync(HttpMethod.Post, "/v1/messages", dave, Send);
            await ApiAssert.ErrorsAsync(after, HttpStatusCode.Unauthorized, 1005);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Gateway1.LoginResponseAsync("dave", "Dave-pass12")).StatusCode);
        using (var gone = await Gateway2.SendAsync(HttpMethod.Get, "/v1/users/dave", users.AdminToken))
        {
            await ApiAssert.ErrorsAsync(gone, HttpStatusCode.NotFound, 1006);
        }

        using (var twice = await Gateway2.SendAsync(HttpMethod.Delete, "/v1/users/dave", users.AdminToken))
        {
            await ApiAssert.ErrorsAsync(twice, HttpStatusCode.NotFound, 1006);
        }

        using (var admin = await Gateway2.SendAsync(HttpMethod.Delete, "/v1/users/admin", users.AdminToken))
        {
            await ApiAssert.ErrorsAsync(admin, HttpStatusCode.BadRequest, 1009);
        }

        // The same name again, even with the same password: the old token stays ended.
        await CreateAsync("dave", "Dave-pass12");
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(Gateway1, HttpMethod.Get, "/v1/users/dave", dave));
        await Gateway1.LoginAsync("dave", "Dave-pass12");
    }

    [Theory]
    [InlineData("""{"username":"erin","password":"short1!A"}""", HttpStatusCode.Created, 0, null)]
    [InlineData("""{"username":"erin2","password":"Sh0rt!"}""", HttpStatusCode.BadRequest, 1009, "password")]
    [InlineData("""{"username":"erin2","password":"no-upper-case1"}""", HttpStatusCode.BadRequest, 1009, "password")]
    [InlineData("""{"username":"erin2","password":"NO-LOWER-CASE1"}""", HttpStatusCode.BadRequest, 1009, "password")]
    [InlineData("""{"username":"erin2","password":"No-digits-here"}""", HttpStatusCode.BadRequest, 1009, "password")]
    [InlineData("""{"username":"erin2","password":"NoSpecials123"}""", HttpStatusCode.BadRequest, 1009, "password")]
    [InlineData("""{"username":"erin2","password":"With space 1A"}""", HttpStatusCode.BadRequest, 1009, "password")]
    [InlineData("""{"username":"erin2","password":"Ünïcode-pass1"}""", HttpStatusCode.BadRequest, 1009, "password")]
    [InlineData("""{"username":"abc","password":"Valid-pass1"}""", HttpStatusCode.BadRequest, 1009, "username")]
    [InlineData("""{"username":"has space","password":"Valid-pass1"}""", HttpStatusCode.BadRequest, 1009, "username")]
    [InlineData("""{"username":"_apiuser","password":"Valid-pass1"}""", HttpStatusCode.BadRequest, 1009, "username")]
    [InlineData("""{"username":"a23456789012345678901234567890123","password":"Valid-pass1"}""", HttpStatusCode.BadRequest, 1009, "username")]
    [InlineData("""{"username":"erin2","password":"Valid-pass1","role":"ROLE_ADMIN"}""", HttpStatusCode.BadRequest, 1009, "role")]
    [InlineData("""{"username":"erin2"}""", HttpStatusCode.BadRequest, 1008, "password")]
    [InlineData("""{"username":"erin2","password":12345678}""", HttpStatusCode.BadRequest, 1009, "password")]
    [InlineData("""{"username":"admin","password":"Valid-pass1"}""", HttpStatusCode.Conflict, 1004, null)]
    public async Task Creating_a_user_checks_the_name_and_the_originals_password_rules_and_a_refusal_changes_nothing(string body, HttpStatusCode status, int code, string? field)
    {
        var before = await Cluster.ScalarAsync<long>("SELECT count(*) FROM users");

        using var response = await Gateway1.SendAsync(HttpMethod.Post, "/v1/users", users.AdminToken, body);

        if (status == HttpStatusCode.Created)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            using var again = await Gateway2.SendAsync(HttpMethod.Post, "/v1/users", users.AdminToken, body);
            await ApiAssert.ErrorsAsync(again, HttpStatusCode.Conflict, 1004); // a name is given once
            return;
        }

        var error = Assert.Single(await ApiAssert.ErrorsAsync(response, status, code));
        if (field is not null)
        {
            Assert.Matches($"^{field}[: ]", error.GetProperty("details").GetString());
        }

        Assert.Equal(before, await Cluster.ScalarAsync<long>("SELECT count(*) FROM users"));
    }

    [Fact]
    public async Task A_refused_password_change_or_new_password_changes_nothing()
    {
        var frank = await CreateAndLoginAsync("frank", "Frank-pass1");

        using (var weak = await Gateway1.SendAsync(HttpMethod.Put, "/v1/users/frank", frank, """{"password":"weakpassword"}"""))
        {
            await ApiAssert.ErrorsAsync(weak, HttpStatusCode.BadRequest, 1009);
        }

        using (var weakOnLogin = await Gateway1.LoginResponseAsync("frank", "Frank-pass1", """{"new_password":"weakpassword"}"""))
        {
            await ApiAssert.ErrorsAsync(weakOnLogin, HttpStatusCode.BadRequest, 1009);
        }

        using (var unknownField = await Gateway1.LoginResponseAsync("frank", "Frank-pass1", """{"new_pasword":"Frank-pass2"}"""))
        {
            await ApiAssert.ErrorsAsync(unknownField, HttpStatusCode.BadRequest, 1009);
        }

        using (var notJson = await Gateway1.LoginResponseAsync("frank", "Frank-pass1", """{"new_password":"""))
        {
            await ApiAssert.ErrorsAsync(notJson, HttpStatusCode.BadRequest, 1009);
        }

        using (var badName = await Gateway1.SendAsync(HttpMethod.Put, "/v1/users/a%20b", users.AdminToken, """{"password":"Frank-pass2"}"""))
        {
            await ApiAssert.ErrorsAsync(badName, HttpStatusCode.BadRequest, 1009);
        }

        using (var nobody = await Gateway1.SendAsync(HttpMethod.Put, "/v1/users/nobody-here", users.AdminToken, """{"password":"Frank-pass2"}"""))
        {
            await ApiAssert.ErrorsAsync(nobody, HttpStatusCode.NotFound, 1006);
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Gateway2, HttpMethod.Get, "/v1/users/frank", frank));
        await Gateway2.LoginAsync("frank", "Frank-pass1");
    }

    [Fact]
    public async Task The_environments_admin_password_holds_until_it_is_changed_through_the_api_then_the_stored_one_wins_everywhere()
    {
        var before = await Gateway2.LoginAsync(LocalCluster.AdminUser, users.AdminPassword);
        var changed = $"Admin-{Guid.NewGuid():N}"[..20] + "1!";

        using (var login = await Gateway1.LoginResponseAsync(LocalCluster.AdminUser, users.AdminPassword, $$"""{"new_password":"{{changed}}"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            users.AdminToken = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("users")[0].GetProperty("token").GetString()!;
        }

        var old = users.AdminPassword;
        users.AdminPassword = changed;
        Assert.Equal(HttpStatusCode.Unauthorized, (await Gateway1.LoginResponseAsync(LocalCluster.AdminUser, old)).StatusCode); // not on gateway 2: its failures are the throttle test's
        foreach (var gateway in new[] { Gateway2, Gateway1 })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(gateway, HttpMethod.Get, "/v1/account/shards", before));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(gateway, HttpMethod.Get, "/v1/account/shards", users.AdminToken));
            await gateway.LoginAsync(LocalCluster.AdminUser, changed);
        }

        Assert.Equal(1L, await Cluster.ScalarAsync<long>("SELECT count(*) FROM users WHERE name = 'admin'"));
    }

    [Fact]
    public async Task A_flood_of_bad_logins_gets_503_beyond_the_password_checks_the_gateway_queues_and_the_api_keeps_answering()
    {
        var flood = Enumerable.Range(0, 40).Select(async i =>
        {
            using var response = await Gateway1.LoginResponseAsync("nobody-" + i, $"Wrong-pass{i}!");
            return (response.StatusCode, response.Headers.RetryAfter?.Delta, await response.Content.ReadAsStringAsync());
        }).ToList();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Gateway1, HttpMethod.Get, "/v1/users/admin", users.AdminToken));
        var answers = await Task.WhenAll(flood);

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.ServiceUnavailable, $"{a.StatusCode}: {a.Item3}"));
        var overloaded = answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(overloaded);
        Assert.All(overloaded, a =>
        {
            Assert.Contains("\"code\":1016", a.Item3, StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(1), a.Delta);
        });
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Unauthorized); // some were checked, one at a time
    }

    [Fact]
    public async Task Repeated_bad_logins_and_dashboard_logins_from_one_address_get_429_with_retry_after_and_a_correct_login_works_after_the_window()
    {
        // Gateway 2 allows 3 failures a minute. Failed logins and failed dashboard credentials count alike.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Gateway2.LoginResponseAsync(LocalCluster.AdminUser, "Wrong-pass1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Gateway2.LoginResponseAsync("no-such-user", "Wrong-pass2")).StatusCode);
        using (var dashboard = await Gateway2.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/dashboard/") { Headers = { { "Authorization", Basic(LocalCluster.AdminUser, "Wrong-pass3") } } }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, dashboard.StatusCode);
        }

        using (var throttled = await Gateway2.LoginResponseAsync(LocalCluster.AdminUser, "Wrong-pass4"))
        {
            var error = Assert.Single(await ApiAssert.ErrorsAsync(throttled, HttpStatusCode.TooManyRequests, 1015));
            Assert.Contains("bad login attempts", error.GetProperty("details").GetString(), StringComparison.Ordinal);
            Assert.InRange(throttled.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        }

        // Whatever the credentials, while the address is throttled: the right password too, and the dashboard.
        using (var right = await Gateway2.LoginResponseAsync(LocalCluster.AdminUser, users.AdminPassword))
        {
            await ApiAssert.ErrorsAsync(right, HttpStatusCode.TooManyRequests, 1015);
            Assert.NotNull(right.Headers.RetryAfter);
        }

        using (var dashboard = await Gateway2.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/dashboard/") { Headers = { { "Authorization", Basic(LocalCluster.AdminUser, users.AdminPassword) } } }))
        {
            await ApiAssert.ErrorsAsync(dashboard, HttpStatusCode.TooManyRequests, 1015);
        }

        // A token is not a login: the API keeps serving the address's tokens.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Gateway2, HttpMethod.Get, "/v1/users/admin", users.AdminToken));

        // After the window, the right password logs in (polled: correct logins take nothing from the allowance).
        await Eventually.True(async () =>
        {
            using var login = await Gateway2.LoginResponseAsync(LocalCluster.AdminUser, users.AdminPassword);
            return login.StatusCode == HttpStatusCode.OK
                || (login.StatusCode == HttpStatusCode.TooManyRequests ? false : throw new InvalidOperationException($"login answered {login.StatusCode}"));
        }, "a correct login to be accepted again after the failed-login window", TimeSpan.FromSeconds(90));
    }

    private LocalCluster Cluster => users.Cluster;

    private async Task CreateAsync(string name, string password)
    {
        using var created = await Gateway1.SendAsync(HttpMethod.Post, "/v1/users", users.AdminToken, $$"""{"username":"{{name}}","password":"{{password}}"}""");
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    private async Task<string> CreateAndLoginAsync(string name, string password)
    {
        await CreateAsync(name, password);
        return await Gateway1.LoginAsync(name, password);
    }

    private static async Task<string?> RoleAsync(GatewayNode gateway, string name, string token) =>
        (await gateway.GetJsonAsync($"/v1/users/{name}", token)).GetProperty("users")[0].GetProperty("ROLES").GetString();

    private static async Task<HttpStatusCode> StatusAsync(GatewayNode gateway, HttpMethod method, string path, string token, string? body = null)
    {
        using var response = await gateway.SendAsync(method, path, token, body);
        return response.StatusCode;
    }

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
}
