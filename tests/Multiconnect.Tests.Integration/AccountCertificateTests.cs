using System.Net;
using System.Text.Json;
using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// The certificate is checked by the WhatsApp servers before anything is stored (issue 12): a certificate
/// of another number is refused and logs the account out (health says so, sends are refused) until a
/// change with the number's own certificate, after which the shards connect again and what was accepted
/// before goes out; an expired one blocks the account. With two-step verification on, a change needs
/// the PIN, and wrong PINs are limited. Refused changes store nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AccountCertificateTests(PostgresFixture postgres)
{
    internal static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_foreign_certificate_logs_the_account_out_until_the_numbers_own_logs_it_in_again_and_nothing_is_lost()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, phone) = await MessagePipelineTests.StartAsync(cluster);
        var simulator = cluster.Simulator!;
        var (_, cert) = cluster.Account!.Value;
        var before = await SendAsync(gateway, token, "before the logout");

        using (var foreign = await gateway.SetShardCountAsync(token, 4, phone, await simulator.IssueCertificateAsync(RunningSimulator.NewPhone())))
        {
            var error = await ErrorAsync(foreign);
            Assert.Equal((HttpStatusCode.BadRequest, 1009), (foreign.StatusCode, error.Code));
            Assert.Contains("logged out", error.Details, StringComparison.Ordinal);
        }

        Assert.Equal("logged_out", (await simulator.NumberAsync(phone)).GetProperty("standing").GetString());
        Assert.Equal(2, await gateway.GetShardCountAsync(token)); // nothing stored
        await StatusesAsync(gateway, token, "logged_out");
        using (var refused = await SendResponseAsync(gateway, token, "while logged out"))
        {
            Assert.Equal((HttpStatusCode.Forbidden, 1005), (refused.StatusCode, (await ErrorAsync(refused)).Code));
        }

        using (var own = await gateway.SetShardCountAsync(token, 2, phone, cert))
        {
            Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        }

        await StatusesAsync(gateway, token, "connected");
        var after = await SendAsync(gateway, token, "after the login");
        await Eventually.True(
            async () => await simulator.CounterAsync(phone, "delivered") >= 2, "the messages sent before and after the logout to be delivered", Deadline);
        Assert.Equal([before, after], await simulator.DeliveredIdsAsync(phone, Recipient));
    }

    [Fact]
    public async Task An_expired_certificate_blocks_the_account_and_sends_are_refused()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, phone) = await MessagePipelineTests.StartAsync(cluster);
        var simulator = cluster.Simulator!;

        using (var expired = await gateway.SetShardCountAsync(token, 2, phone, await simulator.IssueCertificateAsync(phone, validDays: null, expiresAt: DateTimeOffset.UtcNow.AddHours(-1))))
        {
            Assert.Equal((HttpStatusCode.Forbidden, 1031), (expired.StatusCode, (await ErrorAsync(expired)).Code));
        }

        await StatusesAsync(gateway, token, "blocked");
        using (var refused = await SendResponseAsync(gateway, token, "while blocked"))
        {
            Assert.Equal((HttpStatusCode.Forbidden, 1031), (refused.StatusCode, (await ErrorAsync(refused)).Code));
        }

        // The number's own valid certificate does not unblock it: only the servers' operator does.
        var (_, cert) = cluster.Account!.Value;
        using var stillBlocked = await gateway.SetShardCountAsync(token, 2, phone, cert);
        Assert.Equal((HttpStatusCode.Forbidden, 1031), (stillBlocked.StatusCode, (await ErrorAsync(stillBlocked)).Code));
    }

    [Fact]
    public async Task With_two_step_on_a_shard_change_needs_the_pin_and_wrong_pins_are_limited()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, phone) = await MessagePipelineTests.StartAsync(cluster);
        var (_, cert) = cluster.Account!.Value;

        using (var on = await TwoStepAsync(gateway, token, HttpMethod.Post, """{"pin":"123456"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        }

        using (var missing = await ChangeAsync(gateway, token, phone, cert, pin: null))
        {
            Assert.Equal((HttpStatusCode.BadRequest, 1008), (missing.StatusCode, (await ErrorAsync(missing)).Code));
        }

        using (var right = await ChangeAsync(gateway, token, phone, cert, "123456"))
        {
            Assert.Equal(HttpStatusCode.Created, right.StatusCode);
        }

        Assert.Equal(4, await gateway.GetShardCountAsync(token));
        foreach (var attempt in Enumerable.Range(1, 4))
        {
            using var wrong = await ChangeAsync(gateway, token, phone, cert, "654321");
            Assert.Equal((HttpStatusCode.BadRequest, 1009), (wrong.StatusCode, (await ErrorAsync(wrong)).Code));
        }

        using (var locked = await ChangeAsync(gateway, token, phone, cert, "654321"))
        {
            Assert.Equal((HttpStatusCode.TooManyRequests, 1015), (locked.StatusCode, (await ErrorAsync(locked)).Code));
        }

        using (var lockedRight = await ChangeAsync(gateway, token, phone, cert, "123456"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, lockedRight.StatusCode);
        }

        Assert.Equal(4, await gateway.GetShardCountAsync(token)); // no refused change was stored

        // Off (no PIN needed: the original resets a forgotten PIN so); changes need no PIN again.
        using (var off = await TwoStepAsync(gateway, token, HttpMethod.Delete, json: null))
        {
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        }

        using var without = await ChangeAsync(gateway, token, phone, cert, pin: null);
        Assert.Equal(HttpStatusCode.Created, without.StatusCode);
        using var badPin = await TwoStepAsync(gateway, token, HttpMethod.Post, """{"pin":"12345"}""");
        Assert.Equal((HttpStatusCode.BadRequest, 1009), (badPin.StatusCode, (await ErrorAsync(badPin)).Code));
    }

    private static Task<HttpResponseMessage> TwoStepAsync(GatewayNode gateway, string token, HttpMethod method, string? json) =>
        gateway.SendAsync(method, "/v1/settings/account/two-step", token, json);

    private static Task<HttpResponseMessage> ChangeAsync(GatewayNode gateway, string token, string phone, string cert, string? pin) =>
        gateway.SendAsync(HttpMethod.Post, "/v1/account/shards", token, JsonSerializer.Serialize(
            pin is null
                ? (object)new { cc = RunningSimulator.Cc, phone_number = phone, shards = 4, cert }
                : new { cc = RunningSimulator.Cc, phone_number = phone, shards = 4, cert, pin }));

    internal const string Recipient = "16315550100";

    internal static Task<HttpResponseMessage> SendResponseAsync(GatewayNode gateway, string token, string body) =>
        gateway.SendAsync(HttpMethod.Post, "/v1/messages", token, JsonSerializer.Serialize(new { to = Recipient, type = "text", text = new { body } }));

    internal static async Task<string> SendAsync(GatewayNode gateway, string token, string body)
    {
        using var response = await SendResponseAsync(gateway, token, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("messages")[0].GetProperty("id").GetString()!;
    }

    internal static async Task<(int Code, string Details)> ErrorAsync(HttpResponseMessage response)
    {
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        return (error.GetProperty("code").GetInt32(), error.GetProperty("details").GetString()!);
    }

    /// <summary>Waits until every CoreApp hosting a shard shows <paramref name="status"/> in /v1/health.</summary>
    internal static Task StatusesAsync(GatewayNode gateway, string token, string status) =>
        Eventually.True(async () =>
        {
            var health = await gateway.GetJsonAsync("/v1/health", token);
            var hosts = health.GetProperty("health").EnumerateObject()
                .Where(node => node.Value.TryGetProperty("shards", out var shards) && shards.GetArrayLength() > 0)
                .Select(node => node.Value.GetProperty("gateway_status").GetString())
                .ToList();
            return hosts.Count > 0 && hosts.All(host => host == status);
        }, $"every shard's CoreApp to show {status}", Deadline);
}
