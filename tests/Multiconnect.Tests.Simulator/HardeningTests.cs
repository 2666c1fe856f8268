using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Multiconnect.Tests.Simulator;

/// <summary>Limits and races of the upstream endpoint and the admin API, over real sockets.</summary>
public sealed class HardeningTests(SimulatorFixture fixture) : SharedSimulatorTests(fixture)
{
    private const string Recipient = "447700900123";

    [Fact]
    public async Task Every_send_of_an_owner_taken_over_mid_stream_is_either_fenced_or_acknowledged_to_it()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        using var older = await RawUpstream.ConnectAsync(Simulator.Process.BaseAddress);
        Assert.IsType<WelcomeFrame>((await older.ExchangeAsync(RawUpstream.Json(new HelloFrame(UpstreamProtocol.Version, RunningSimulator.Cc, phone, 0, 1, 1, cert)), 1))[0]);
        const int sends = 2000;
        var batch = string.Join('\n', Enumerable.Range(0, sends).Select(i => RawUpstream.Json(new SendFrame($"old.{i}", Recipient, "hello", Epoch: 1))));

        var sending = older.SendAsync(batch);
        await using var newer = await Simulator.OpenAsync(phone, cert, epoch: 2);
        await sending;
        var frames = await older.ReadUntilClosedAsync();

        // What the server recorded from the old owner, it also told the old owner; nothing slipped in after the takeover unseen.
        var acknowledged = frames.OfType<AckFrame>().Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var delivered = (await Simulator.DeliveredIdsAsync(phone, Recipient)).Where(id => id.StartsWith("old.", StringComparison.Ordinal)).ToList();
        Assert.Equal(acknowledged.Order(StringComparer.Ordinal), delivered.Order(StringComparer.Ordinal));
        Assert.Equal(delivered.Count, await Simulator.CounterAsync(phone, "accepted"));
        await Eventually.True(async () => await Simulator.CounterAsync(phone, "accepted") + await Simulator.CounterAsync(phone, "fenced_sends")
            + await Simulator.CounterAsync(phone, "refused_sends") == sends, "every old send to be answered or fenced");
    }

    [Fact]
    public async Task Receipts_held_while_a_shard_had_no_session_come_after_the_next_welcome_in_order()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        var hello = RawUpstream.Json(new HelloFrame(UpstreamProtocol.Version, RunningSimulator.Cc, phone, 0, 1, 1, cert));
        using (var first = await RawUpstream.ConnectAsync(Simulator.Process.BaseAddress))
        {
            var answered = await first.ExchangeAsync(hello + "\n" + RawUpstream.Json(new SendFrame("m1", Recipient, "hello", Epoch: 1)), 2);
            Assert.IsType<AckFrame>(answered[1]);
            first.Abort();
        }

        await Eventually.True(async () => (await Simulator.NumberAsync(phone)).GetProperty("shards")[0].GetProperty("session").ValueKind == JsonValueKind.Null,
            "the crashed session to end");
        using var second = await RawUpstream.ConnectAsync(Simulator.Process.BaseAddress);
        await second.SendAsync(hello);
        var frames = await second.ReceiveUntilAsync(f => f.OfType<ReceiptFrame>().Any(r => r.Status == ReceiptStatus.Read));

        Assert.IsType<WelcomeFrame>(frames[0]);
        var statuses = frames.OfType<ReceiptFrame>().Where(r => r.Id == "m1").Select(r => r.Status).ToList();
        Assert.Equal(ReceiptStatus.Read, statuses[^1]);
        Assert.Equal(statuses.OrderBy(Rank), statuses);
    }

    [Fact]
    public async Task A_body_longer_than_the_maximum_is_nacked_as_invalid_and_the_session_goes_on()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var session = await Simulator.OpenAsync(phone, cert);

        var tooLong = await session.SendAsync(new OutboundMessage("long", Recipient, new string('a', UpstreamProtocol.MaxBodyLength + 1)));
        var longest = await session.SendAsync(new OutboundMessage("longest", Recipient, new string('a', UpstreamProtocol.MaxBodyLength)));

        Assert.False(tooLong.Accepted);
        Assert.Equal(RefusalReasons.Invalid, tooLong.Reason);
        Assert.Contains("body", tooLong.Detail, StringComparison.Ordinal);
        Assert.True(longest.Accepted);
        Assert.Equal(["longest"], await Simulator.DeliveredIdsAsync(phone, Recipient));
    }

    [Fact]
    public async Task A_message_of_exactly_the_maximum_size_is_read_and_one_byte_more_is_a_protocol_error()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        using var exact = await RawUpstream.ConnectAsync(Simulator.Process.BaseAddress);
        var (message, sends) = MessageOfSize(UpstreamProtocol.MaxMessageBytes, RawUpstream.Json(new HelloFrame(UpstreamProtocol.Version, RunningSimulator.Cc, phone, 0, 1, 1, cert)), "x");

        var frames = await exact.ExchangeAsync(message, 1 + sends);

        Assert.IsType<WelcomeFrame>(frames[0]);
        Assert.All(frames.Skip(1), frame => Assert.IsType<AckFrame>(frame));
        using var over = await RawUpstream.ConnectAsync(Simulator.Process.BaseAddress);
        var (tooLarge, _) = MessageOfSize(UpstreamProtocol.MaxMessageBytes + 1, RawUpstream.Json(new HelloFrame(UpstreamProtocol.Version, RunningSimulator.Cc, phone, 0, 1, 2, cert)), "y");
        var closing = await over.ExchangeAsync(tooLarge, 1);
        Assert.Equal(RefusalReasons.ProtocolError, Assert.IsType<ClosingFrame>(closing[0]).Reason);
    }

    [Fact]
    public async Task A_refused_hello_of_an_unknown_number_creates_no_number()
    {
        var phone = RunningSimulator.NewPhone();

        var refused = await Assert.ThrowsAsync<UpstreamRefusedException>(() => Simulator.OpenAsync(phone, "bm90IGEgY2VydGlmaWNhdGU="));

        Assert.Equal(RefusalReasons.CertificateInvalid, refused.Reason);
        using var response = await Simulator.Admin.GetAsync($"/admin/numbers/{RunningSimulator.Cc}{phone}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("valid_days", 2_000_000_000L)]
    [InlineData("valid_days", 3651L)]
    [InlineData("expires_at", 0L)]
    public async Task A_certificate_valid_too_long_is_a_bad_request_that_says_why(string field, long value)
    {
        object request = field == "valid_days"
            ? new { cc = RunningSimulator.Cc, phone = RunningSimulator.NewPhone(), name = "Acme", valid_days = value }
            : new { cc = RunningSimulator.Cc, phone = RunningSimulator.NewPhone(), name = "Acme", expires_at = DateTimeOffset.MaxValue };

        using var response = await Simulator.Admin.PostAsJsonAsync("/admin/certificates", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(field, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_issue_cert_command_refuses_a_validity_beyond_the_maximum()
    {
        var environment = new Dictionary<string, string?> { ["Multiconnect__Simulator__CaKeyPath"] = Simulator.Process.CaKeyPath };

        var (exitCode, output, error) = await SimulatorProcess.RunCommandAsync(
            environment, "issue-cert", "--cc", RunningSimulator.Cc, "--phone", RunningSimulator.NewPhone(), "--name", "Acme", "--valid-days", "99999999999");

        Assert.Equal(2, exitCode);
        Assert.Empty(output.Trim());
        Assert.Contains("--valid-days", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aborting_a_disposed_session_does_nothing()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        var session = await Simulator.OpenAsync(phone, cert);
        await session.DisposeAsync();

        var abort = Record.Exception(session.Abort);
        await session.DisposeAsync();

        Assert.Null(abort);
        Assert.True(session.Completion.IsCompletedSuccessfully, "a disposed session has ended");
    }

    private static int Rank(string status) => status switch
    {
        ReceiptStatus.Sent => 0,
        ReceiptStatus.Delivered => 1,
        _ => 2,
    };

    /// <summary>A hello followed by sends, padded so that the whole message is exactly <paramref name="size"/> bytes.</summary>
    private static (string Message, int Sends) MessageOfSize(int size, string hello, string prefix)
    {
        var builder = new StringBuilder(hello);
        var sends = 0;
        string Send(int body) => RawUpstream.Json(new SendFrame($"{prefix}{sends}", Recipient, new string('a', body), Epoch: 1));
        while (size - builder.Length > 1 + Encoding.UTF8.GetByteCount(Send(0)) + UpstreamProtocol.MaxBodyLength)
        {
            builder.Append('\n').Append(Send(4000));
            sends++;
        }

        var last = Send(size - builder.Length - 1 - Encoding.UTF8.GetByteCount(Send(0)));
        builder.Append('\n').Append(last);
        sends++;
        Assert.Equal(size, Encoding.UTF8.GetByteCount(builder.ToString()));
        return (builder.ToString(), sends);
    }
}
