using System.Net.Http.Json;

namespace Multiconnect.Tests.Simulator;

/// <summary>The <c>read</c> frame over a real socket: the business marks an inbound message read.</summary>
public sealed class ReadMarkTests(SimulatorFixture fixture) : SharedSimulatorTests(fixture)
{
    [Fact]
    public async Task An_inbound_message_marked_read_is_counted_once_and_shown_read()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var session = await Simulator.OpenAsync(phone, cert);
        var id = await Simulator.InjectInboundAsync(phone, "447700900123", "is my order on its way?");
        var inbound = await session.NextAsync<InboundFrame>();
        Assert.Equal(id, inbound.Id);
        Assert.False(await IsReadAsync(phone, id));

        session.AckInbound(id);
        Assert.True(session.MarkRead(id));
        Assert.True(session.MarkRead(id));

        await Eventually.True(async () => await IsReadAsync(phone, id), "the message to be marked read");
        await Eventually.True(async () => await Simulator.CounterAsync(phone, "inbound_acked") == 1, "the ack, sent before the marks, to be counted");
        Assert.Equal(1, await Simulator.CounterAsync(phone, "read_marked"));
        Assert.Equal(0, await Simulator.CounterAsync(phone, "read_marks_ignored"));
    }

    [Fact]
    public async Task Read_marks_for_ids_the_number_never_delivered_are_ignored_and_counted()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        var (otherPhone, otherCert) = await Simulator.NewNumberAsync();
        await using var session = await Simulator.OpenAsync(phone, cert);
        await using var other = await Simulator.OpenAsync(otherPhone, otherCert);
        var othersMessage = await Simulator.InjectInboundAsync(otherPhone, "447700900123", "hello");
        await other.NextAsync<InboundFrame>();

        session.MarkRead("in.never-delivered");
        session.MarkRead(othersMessage);

        await Eventually.True(async () => await Simulator.CounterAsync(phone, "read_marks_ignored") == 2, "both marks to be ignored");
        Assert.Equal(0, await Simulator.CounterAsync(phone, "read_marked"));
        Assert.False(await IsReadAsync(otherPhone, othersMessage));
        using var unknown = await Simulator.Admin.GetAsync($"/admin/numbers/{RunningSimulator.Cc}{phone}/inbound/in.never-delivered");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_read_frame_is_plain_json_on_the_wire()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        using var raw = await RawUpstream.ConnectAsync(Simulator.Process.BaseAddress);
        await raw.ExchangeAsync(RawUpstream.Json(new HelloFrame(UpstreamProtocol.Version, RunningSimulator.Cc, phone, 0, 1, 1, cert)), count: 1);
        var id = await Simulator.InjectInboundAsync(phone, "447700900123", "hi");

        await raw.SendAsync($$"""{"type":"read","id":"{{id}}"}""");

        Assert.Equal($$"""{"type":"read","id":"{{id}}"}""", RawUpstream.Json(new ReadFrame(id)));
        await Eventually.True(async () => await IsReadAsync(phone, id), "the raw read frame to mark the message read");
    }

    private async Task<bool> IsReadAsync(string phone, string id) =>
        (await Simulator.Admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/admin/numbers/{RunningSimulator.Cc}{phone}/inbound/{id}")).GetProperty("read").GetBoolean();
}
