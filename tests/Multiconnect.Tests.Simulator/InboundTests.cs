using Multiconnect.Contracts.Routing;

namespace Multiconnect.Tests.Simulator;

public sealed class InboundTests(SimulatorFixture fixture) : SharedSimulatorTests(fixture)
{
    [Fact]
    public async Task Inbound_messages_reach_the_session_of_the_senders_shard()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var shard0 = await Simulator.OpenAsync(phone, cert, shard: 0, shards: 2);
        await using var shard1 = await Simulator.OpenAsync(phone, cert, shard: 1, shards: 2);
        var senders0 = Recipients.InShard(0, 2, 3, prefix: "3361234");
        var senders1 = Recipients.InShard(1, 2, 3, prefix: "3361234");

        foreach (var sender in senders0.Concat(senders1))
        {
            await Simulator.InjectInboundAsync(phone, sender, $"hi from {sender}");
        }

        foreach (var (session, senders) in new[] { (shard0, senders0), (shard1, senders1) })
        {
            List<string> from = [];
            while (from.Count < senders.Length)
            {
                var inbound = await session.NextAsync<InboundFrame>();
                from.Add(inbound.From);
                Assert.Equal($"hi from {inbound.From}", inbound.Body);
                session.AckInbound(inbound.Id);
            }

            Assert.Equal(senders, from);
        }

        await Eventually.True(async () => await Simulator.CounterAsync(phone, "inbound_acked") == 6, "every inbound message to be acknowledged");
        Assert.Equal(0, (await Simulator.NumberAsync(phone)).GetProperty("inbound_pending").GetInt32());
        Assert.DoesNotContain(shard0.Drain().Concat(shard1.Drain()), frame => frame is InboundFrame);
    }

    [Fact]
    public async Task Inbound_waits_while_its_shards_session_is_gone_and_arrives_when_it_returns()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var shard0 = await Simulator.OpenAsync(phone, cert, shard: 0, shards: 2);
        var sender = Recipients.InShard(1, 2)[0];
        await using (await Simulator.OpenAsync(phone, cert, shard: 1, shards: 2))
        {
        }

        await Eventually.True(async () => (await Simulator.NumberAsync(phone)).GetProperty("counters").GetProperty("sessions_closed").GetInt64() == 1, "shard 1's session to be gone");
        var id = await Simulator.InjectInboundAsync(phone, sender, "are you there?");

        Assert.Equal(1, (await Simulator.NumberAsync(phone)).GetProperty("inbound_pending").GetInt32());
        Assert.Equal(0, await Simulator.CounterAsync(phone, "inbound_sent"));

        await using var returned = await Simulator.OpenAsync(phone, cert, shard: 1, shards: 2, epoch: 2);
        var inbound = await returned.NextAsync<InboundFrame>();
        Assert.Equal(id, inbound.Id);
        Assert.Equal(sender, inbound.From);
        returned.AckInbound(inbound.Id);
        await Eventually.True(async () => (await Simulator.NumberAsync(phone)).GetProperty("inbound_pending").GetInt32() == 0, "the message to be acknowledged");
        Assert.DoesNotContain(shard0.Drain(), frame => frame is InboundFrame);
    }

    [Fact]
    public async Task An_unacknowledged_inbound_message_is_delivered_again_after_a_crash_and_after_a_timeout()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        var crashed = await Simulator.OpenAsync(phone, cert);
        var id = await Simulator.InjectInboundAsync(phone, "447700900123", "hello");
        Assert.Equal(1, (await crashed.NextAsync<InboundFrame>()).Attempt);

        crashed.Abort();
        await crashed.DisposeAsync();
        await using var next = await Simulator.OpenAsync(phone, cert, epoch: 2);

        var again = await next.NextAsync<InboundFrame>();
        Assert.Equal(id, again.Id);
        Assert.Equal(2, again.Attempt);
        var afterTimeout = await next.NextAsync<InboundFrame>(timeout: TimeSpan.FromSeconds(15));
        Assert.Equal(id, afterTimeout.Id);
        Assert.Equal(3, afterTimeout.Attempt);
        next.AckInbound(id);
        await Eventually.True(async () => await Simulator.CounterAsync(phone, "inbound_acked") == 1, "the message to be acknowledged");
        Assert.Equal(0, (await Simulator.NumberAsync(phone)).GetProperty("inbound_pending").GetInt32());
    }
}

public sealed class SimulatedUsersTests
{
    [Fact]
    public async Task Simulated_users_write_at_the_configured_rate_to_each_senders_shard()
    {
        await using var simulator = await RunningSimulator.StartAsync(new Dictionary<string, string> { ["Inbound__MessagesPerSecond"] = "50" });
        var (phone, cert) = await simulator.NewNumberAsync();
        await using var shard0 = await simulator.OpenAsync(phone, cert, shard: 0, shards: 2);
        await using var shard1 = await simulator.OpenAsync(phone, cert, shard: 1, shards: 2);

        // The rate is measured from the 50th message to the 200th, past any backlog from before both sessions
        // were open; the range is wide because a generator that was starved of CPU catches up in a burst.
        var started = DateTime.UtcNow;
        var received = 0;
        var fiftieth = DateTime.MinValue;
        while (received < 200)
        {
            foreach (var (session, shard) in new[] { (shard0, 0), (shard1, 1) })
            {
                foreach (var inbound in session.Drain().OfType<InboundFrame>())
                {
                    Assert.Equal(shard, ShardRouter.ShardFor(RecipientId.Parse(inbound.From), ShardCount.From(2)));
                    Assert.StartsWith("199955", inbound.From, StringComparison.Ordinal);
                    session.AckInbound(inbound.Id);
                    if (++received == 50)
                    {
                        fiftieth = DateTime.UtcNow;
                    }
                }
            }

            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), $"only {received} inbound messages in 30 s at 50/s");
            await Task.Delay(10);
        }

        var rate = (received - 50) / (DateTime.UtcNow - fiftieth).TotalSeconds;
        Assert.InRange(rate, 35, 70);

        // A number whose sessions have all ended is abandoned: users stop writing to it, so nothing piles up.
        var (abandoned, abandonedCert) = await simulator.NewNumberAsync();
        await (await simulator.OpenAsync(abandoned, abandonedCert)).DisposeAsync();
        await Eventually.True(async () => (await simulator.NumberAsync(abandoned)).GetProperty("shards")[0].GetProperty("session").ValueKind == System.Text.Json.JsonValueKind.Null,
            "the abandoned number's session to end");
        var created = await simulator.CounterAsync(abandoned, "inbound_created");
        await Consistently.True(async () => await simulator.CounterAsync(abandoned, "inbound_created") == created,
            "no inbound message to be written to a number without a live session", TimeSpan.FromSeconds(1));
    }
}
