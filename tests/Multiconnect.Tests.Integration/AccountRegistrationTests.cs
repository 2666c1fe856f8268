using System.Net;
using System.Text.Json;
using Multiconnect.Tests.Integration.Infrastructure;
using static Multiconnect.Tests.Integration.AccountCertificateTests;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// Registration as the original has it (issue 12, points 1, 2 and 4), against the simulated servers,
/// which send the codes: nothing is accepted before a number is registered; a code registers it; the
/// cluster serves that number only; a change without a certificate is accepted within 7 days of the
/// registration and logs the account out after; registering another number fails what was accepted
/// for the old one, and sends nothing of it over the new number's sessions.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AccountRegistrationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_number_is_registered_with_the_code_the_servers_sent_and_only_it_is_served()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var simulator = await cluster.StartSimulatorAsync();
        await cluster.StartCoreAppAsync("coreapp-a");
        await cluster.StartCoreAppAsync("coreapp-b");
        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();
        var (phone, cert) = await simulator.NewNumberAsync();

        // Before registration: health says so, and nothing is accepted.
        await StatusesAsync(gateway, token, "unregistered");
        using (var send = await SendResponseAsync(gateway, token, "too early"))
        {
            var error = await ErrorAsync(send);
            Assert.Equal((HttpStatusCode.Forbidden, 1005), (send.StatusCode, error.Code));
            Assert.Contains("POST /v1/account", error.Details, StringComparison.Ordinal);
        }

        using (var shards = await gateway.SetShardCountAsync(token, 2, phone, cert))
        {
            Assert.Equal((HttpStatusCode.BadRequest, 1009), (shards.StatusCode, (await ErrorAsync(shards)).Code));
        }

        using (var requested = await RegisterAsync(gateway, token, phone, cert))
        {
            Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
            var vname = JsonDocument.Parse(await requested.Content.ReadAsStringAsync()).RootElement.GetProperty("account")[0].GetProperty("vname").GetString();
            Assert.Equal("Acme Test", vname);
        }

        var code = await simulator.LatestCodeAsync(phone) ?? throw new InvalidOperationException("no code was sent");
        using (var wrong = await VerifyAsync(gateway, token, code == "000000" ? "111111" : "000000"))
        {
            var error = await ErrorAsync(wrong);
            Assert.Equal((HttpStatusCode.BadRequest, 1009), (wrong.StatusCode, error.Code));
            Assert.StartsWith("code", error.Details, StringComparison.Ordinal);
        }

        using (var right = await VerifyAsync(gateway, token, $"{code[..3]}-{code[3..]}"))
        {
            Assert.Equal(HttpStatusCode.Created, right.StatusCode);
        }

        using (var again = await RegisterAsync(gateway, token, phone, cert))
        {
            Assert.Equal(HttpStatusCode.Created, again.StatusCode); // registered already: no new code
        }

        using (var shards = await gateway.SetShardCountAsync(token, 2, phone, cert))
        {
            Assert.Equal(HttpStatusCode.Created, shards.StatusCode);
        }

        await StatusesAsync(gateway, token, "connected");
        var sent = await SendAsync(gateway, token, "registered");
        await Eventually.True(async () => (await simulator.DeliveredIdsAsync(phone, Recipient)).Contains(sent), "the message to be delivered", Deadline);

        // Another number is refused until it is registered.
        var (other, otherCert) = await simulator.NewNumberAsync();
        using var foreign = await gateway.SetShardCountAsync(token, 4, other, otherCert);
        var refusal = await ErrorAsync(foreign);
        Assert.Equal((HttpStatusCode.BadRequest, 1009), (foreign.StatusCode, refusal.Code));
        Assert.StartsWith("phone_number", refusal.Details, StringComparison.Ordinal);
        Assert.Equal(2, await gateway.GetShardCountAsync(token));
    }

    [Fact]
    public async Task Without_a_certificate_a_change_is_accepted_within_7_days_of_registration_and_logs_the_account_out_after()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, phone) = await MessagePipelineTests.StartAsync(cluster);
        var simulator = cluster.Simulator!;
        var (_, cert) = cluster.Account!.Value;

        using (var within = await ChangeWithoutCertificateAsync(gateway, token, phone, shards: 4))
        {
            Assert.Equal(HttpStatusCode.Created, within.StatusCode);
        }

        await simulator.AdvanceClockAsync(TimeSpan.FromDays(8));
        using (var after = await ChangeWithoutCertificateAsync(gateway, token, phone, shards: 2))
        {
            var error = await ErrorAsync(after);
            Assert.Equal((HttpStatusCode.BadRequest, 1009), (after.StatusCode, error.Code));
            Assert.Contains("logged out", error.Details, StringComparison.Ordinal);
        }

        Assert.Equal(4, await gateway.GetShardCountAsync(token));
        await StatusesAsync(gateway, token, "logged_out");
        using (var refused = await SendResponseAsync(gateway, token, "while logged out"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var own = await gateway.SetShardCountAsync(token, 2, phone, cert);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        await StatusesAsync(gateway, token, "connected");
    }

    [Fact]
    public async Task Registering_another_number_fails_what_the_old_one_had_pending_and_sends_none_of_it_for_the_new_one()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, old) = await MessagePipelineTests.StartAsync(cluster);
        var simulator = cluster.Simulator!;

        // The old number's sessions end and cannot reopen: what is accepted now waits in the log.
        await StatusesAsync(gateway, token, "connected");
        await simulator.PostAdminAsync("/admin/faults/refuse-sessions", new { seconds = 300, number = RunningSimulator.Cc + old });
        foreach (var shard in new[] { 0, 1 })
        {
            await simulator.PostAdminAsync("/admin/faults/close-session", new { number = RunningSimulator.Cc + old, shard });
        }

        await StatusesAsync(gateway, token, "connecting");
        var pending = new List<string>();
        foreach (var n in Enumerable.Range(1, 3))
        {
            pending.Add(await SendAsync(gateway, token, $"for the old number {n}"));
        }

        var (next, nextCert) = await simulator.NewNumberAsync();
        await simulator.RegisterAsync((path, json) => gateway.SendAsync(HttpMethod.Post, path, token, json), next, nextCert);

        // The old number's messages fail, marked with the reason; none reaches either number.
        await Eventually.True(
            async () => await RefusedAsync(cluster, pending) == pending.Count, "the old number's pending messages to fail", Deadline);
        await StatusesAsync(gateway, token, "connected");
        var sent = await SendAsync(gateway, token, "for the new number");
        await Eventually.True(async () => (await simulator.DeliveredIdsAsync(next, Recipient)).Contains(sent), "the new number's message to be delivered", Deadline);
        Assert.Equal([sent], await simulator.DeliveredIdsAsync(next, Recipient));
        Assert.Equal(0, await simulator.CounterAsync(old, "delivered"));
    }

    private static async Task<long> RefusedAsync(LocalCluster cluster, IReadOnlyList<string> ids)
    {
        await using var command = cluster.Database.CreateCommand("SELECT count(*) FROM messages_out WHERE id = ANY($1) AND refusal LIKE 'number_changed%'");
        command.Parameters.Add(new() { Value = ids.ToArray() });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static Task<HttpResponseMessage> RegisterAsync(GatewayNode gateway, string token, string phone, string cert) =>
        gateway.SendAsync(HttpMethod.Post, "/v1/account", token,
            JsonSerializer.Serialize(new { cc = RunningSimulator.Cc, phone_number = phone, method = "sms", cert }));

    private static Task<HttpResponseMessage> VerifyAsync(GatewayNode gateway, string token, string code) =>
        gateway.SendAsync(HttpMethod.Post, "/v1/account/verify", token, JsonSerializer.Serialize(new { code }));

    private static Task<HttpResponseMessage> ChangeWithoutCertificateAsync(GatewayNode gateway, string token, string phone, int shards) =>
        gateway.SendAsync(HttpMethod.Post, "/v1/account/shards", token,
            JsonSerializer.Serialize(new { cc = RunningSimulator.Cc, phone_number = phone, shards }));
}
