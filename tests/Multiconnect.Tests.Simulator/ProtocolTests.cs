namespace Multiconnect.Tests.Simulator;

/// <summary>The wire itself, spoken by hand over a raw WebSocket: what a client in another language would see.</summary>
public sealed class ProtocolTests(SimulatorFixture fixture) : SharedSimulatorTests(fixture)
{
    [Fact]
    public async Task Several_frames_in_one_message_are_answered_in_order()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        using var raw = await RawUpstream.ConnectAsync(Simulator.Process.BaseAddress);

        var frames = await raw.ExchangeAsync(string.Join('\n',
            RawUpstream.Json(new HelloFrame(UpstreamProtocol.Version, RunningSimulator.Cc, phone, 0, 1, 3, cert)),
            """{"type":"send","id":"x1","to":"447700900123","body":"seq=1 a","epoch":3}""",
            """{"epoch":3,"body":"seq=2 b","to":"447700900123","id":"x2","type":"send","future_field":true}""",
            """{"type":"send","id":"x3","to":"not a number","body":"c","epoch":3}"""), count: 4);

        Assert.IsType<WelcomeFrame>(frames[0]);
        Assert.Equal(["x1", "x2"], frames.Skip(1).Take(2).Cast<AckFrame>().Select(a => a.Id));
        var nack = Assert.IsType<NackFrame>(frames[3]);
        Assert.Equal(RefusalReasons.Invalid, nack.Reason);
    }

    [Fact]
    public async Task A_hello_of_another_version_or_with_bad_fields_is_refused_with_the_reason()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();

        var version = await RefusalAsync(new HelloFrame(2, RunningSimulator.Cc, phone, 0, 1, 1, cert));
        var shards = await RefusalAsync(new HelloFrame(UpstreamProtocol.Version, RunningSimulator.Cc, phone, 0, 3, 1, cert));
        var shard = await RefusalAsync(new HelloFrame(UpstreamProtocol.Version, RunningSimulator.Cc, phone, 4, 4, 1, cert));

        Assert.Equal(RefusalReasons.UnsupportedVersion, version.Reason);
        Assert.Equal(RefusalReasons.Invalid, shards.Reason);
        Assert.Contains("shards", shards.Detail, StringComparison.Ordinal);
        Assert.Equal(RefusalReasons.Invalid, shard.Reason);
    }

    [Fact]
    public async Task A_frame_that_cannot_be_read_closes_the_connection_as_a_protocol_error()
    {
        using var raw = await RawUpstream.ConnectAsync(Simulator.Process.BaseAddress);

        var frames = await raw.ExchangeAsync("this is not json", count: 1);

        Assert.Equal(RefusalReasons.ProtocolError, Assert.IsType<ClosingFrame>(frames[0]).Reason);
    }

    private async Task<RefusedFrame> RefusalAsync(HelloFrame hello)
    {
        using var raw = await RawUpstream.ConnectAsync(Simulator.Process.BaseAddress);
        return Assert.IsType<RefusedFrame>((await raw.ExchangeAsync(RawUpstream.Json(hello), count: 1))[0]);
    }
}
