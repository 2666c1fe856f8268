namespace Multiconnect.Tests.Simulator;

public sealed class FencingTests(SimulatorFixture fixture) : SharedSimulatorTests(fixture)
{
    [Fact]
    public async Task An_older_epoch_session_is_refused_as_fenced_and_counted()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var current = await Simulator.OpenAsync(phone, cert, epoch: 5);

        var refused = await Assert.ThrowsAsync<UpstreamRefusedException>(() => Simulator.OpenAsync(phone, cert, epoch: 4));

        Assert.Equal(RefusalReasons.Fenced, refused.Reason);
        Assert.Equal(5, refused.HighestEpoch);
        var stats = await Simulator.NumberAsync(phone);
        Assert.Equal(1, stats.GetProperty("counters").GetProperty("fenced_sessions").GetInt64());
        Assert.Equal(1, stats.GetProperty("counters").GetProperty("fenced").GetInt64());
        Assert.Equal(1, stats.GetProperty("refused_sessions").GetProperty("fenced").GetInt64());
        var shard = stats.GetProperty("shards")[0];
        Assert.Equal(5, shard.GetProperty("highest_epoch").GetInt64());
        Assert.Equal(5, shard.GetProperty("session").GetProperty("epoch").GetInt64());
        Assert.True((await current.SendAsync(new OutboundMessage("m1", "447700900123", "hello"))).Accepted, "the current owner keeps sending");
    }

    [Fact]
    public async Task A_newer_epoch_replaces_the_older_session_which_is_closed_as_superseded()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var older = await Simulator.OpenAsync(phone, cert, shard: 1, shards: 2, epoch: 1);

        await using var newer = await Simulator.OpenAsync(phone, cert, shard: 1, shards: 2, epoch: 2);

        var end = await older.Completion.WaitAsync(Eventually.DefaultTimeout);
        Assert.Equal(RefusalReasons.Superseded, end.Reason);
        await Assert.ThrowsAsync<UpstreamSessionClosedException>(() => older.SendAsync(new OutboundMessage("late", "447700900123", "hello")));
        Assert.True((await newer.SendAsync(new OutboundMessage("m1", "447700900123", "hello"))).Accepted);
        var shard = (await Simulator.NumberAsync(phone)).GetProperty("shards")[0];
        Assert.Equal(1, shard.GetProperty("shard").GetInt32());
        Assert.Equal(2, shard.GetProperty("highest_epoch").GetInt64());
        Assert.Equal(newer.Welcome.Session, shard.GetProperty("session").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_send_of_a_fenced_out_owner_is_refused_counted_and_not_delivered()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        const string recipient = "447700900123";
        // The old owner speaks by hand, so that it can keep sending after the server closed its session,
        // as a paused process does when it wakes up with sends still queued.
        using var older = await RawUpstream.ConnectAsync(Simulator.Process.BaseAddress);
        Assert.IsType<WelcomeFrame>((await older.ExchangeAsync(RawUpstream.Json(new HelloFrame(UpstreamProtocol.Version, RunningSimulator.Cc, phone, 0, 1, 1, cert)), 1))[0]);
        await using var newer = await Simulator.OpenAsync(phone, cert, epoch: 2);

        await older.SendAsync(RawUpstream.Json(new SendFrame("from-old-owner", recipient, "hello", Epoch: 1)));

        await Eventually.True(async () => await Simulator.CounterAsync(phone, "fenced_sends") == 1, "the old owner's send to be fenced");
        Assert.Equal(1, await Simulator.CounterAsync(phone, "fenced"));
        Assert.Equal(0, await Simulator.CounterAsync(phone, "accepted"));
        Assert.Empty(await Simulator.DeliveredIdsAsync(phone, recipient));
        Assert.True((await newer.SendAsync(new OutboundMessage("from-new-owner", recipient, "hello"))).Accepted);
        Assert.Equal(["from-new-owner"], await Simulator.DeliveredIdsAsync(phone, recipient));
    }
}
