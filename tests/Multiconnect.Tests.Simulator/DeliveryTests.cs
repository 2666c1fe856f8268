namespace Multiconnect.Tests.Simulator;

public sealed class DeliveryTests(SimulatorFixture fixture) : SharedSimulatorTests(fixture)
{
    [Fact]
    public async Task A_repeated_id_is_acked_again_counted_as_duplicate_and_delivered_once()
    {
        var phone = RunningSimulator.NewPhone();
        await using var session = await Simulator.OpenAsync(phone, await Simulator.IssueCertificateAsync(phone));
        const string recipient = "447700900123";

        var first = await session.SendAsync(new OutboundMessage("wamid.1", recipient, "hello"));
        var retry = await session.SendAsync(new OutboundMessage("wamid.1", recipient, "hello"));
        var other = await session.SendAsync(new OutboundMessage("wamid.2", recipient, "again"));

        Assert.True(first.Accepted);
        Assert.False(first.Duplicate);
        Assert.True(retry.Accepted);
        Assert.True(retry.Duplicate);
        Assert.False(other.Duplicate);
        Assert.Equal(["wamid.1", "wamid.2"], await Simulator.DeliveredIdsAsync(phone, recipient));
        var counters = (await Simulator.NumberAsync(phone)).GetProperty("counters");
        Assert.Equal(1, counters.GetProperty("duplicates").GetInt64());
        Assert.Equal(3, counters.GetProperty("accepted").GetInt64());
        Assert.Equal(2, counters.GetProperty("delivered").GetInt64());
    }

    [Fact]
    public async Task A_sequence_that_goes_backwards_for_a_recipient_counts_as_out_of_order()
    {
        var phone = RunningSimulator.NewPhone();
        await using var session = await Simulator.OpenAsync(phone, await Simulator.IssueCertificateAsync(phone));
        const string alice = "447700900123";
        const string bob = "4915112345678";

        foreach (var (id, to, sequence) in new[] { ("a1", alice, 1L), ("a2", alice, 2L), ("b1", bob, 1L), ("a4", alice, 4L) })
        {
            Assert.True((await session.SendAsync(new OutboundMessage(id, to, MessageSequence.Format(sequence, "text")))).Accepted);
        }

        // A client's re-send of seq 4 under a new id (its first try's answer was lost) repeats, it does not reorder.
        Assert.True((await session.SendAsync(new OutboundMessage("a4-again", alice, MessageSequence.Format(4, "text")))).Accepted);
        Assert.Equal(0, await Simulator.CounterAsync(phone, "out_of_order"));

        Assert.True((await session.SendAsync(new OutboundMessage("a3", alice, MessageSequence.Format(3, "text")))).Accepted);
        Assert.True((await session.SendAsync(new OutboundMessage("b2", bob, MessageSequence.Format(2, "text")))).Accepted);
        Assert.True((await session.SendAsync(new OutboundMessage("a-plain", alice, "no sequence here"))).Accepted);

        Assert.Equal(1, await Simulator.CounterAsync(phone, "out_of_order"));
        Assert.Equal(["a1", "a2", "a4", "a4-again", "a3", "a-plain"], await Simulator.DeliveredIdsAsync(phone, alice));
    }

    [Fact]
    public async Task Receipts_come_back_in_order_over_the_session_of_the_recipients_shard()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var shard0 = await Simulator.OpenAsync(phone, cert, shard: 0, shards: 2);
        await using var shard1 = await Simulator.OpenAsync(phone, cert, shard: 1, shards: 2);
        var recipientOfShard1 = Recipients.InShard(1, 2)[0];

        // Sent over shard 0's session on purpose: the receipts still belong to the recipient's shard.
        Assert.True((await shard0.SendAsync(new OutboundMessage("wamid.r1", recipientOfShard1, "hello"))).Accepted);

        List<string> statuses = [];
        foreach (var _ in new[] { ReceiptStatus.Sent, ReceiptStatus.Delivered, ReceiptStatus.Read })
        {
            var receipt = await shard1.NextAsync<ReceiptFrame>(r => r.Id == "wamid.r1");
            Assert.Equal(recipientOfShard1, receipt.Recipient);
            statuses.Add(receipt.Status);
        }

        Assert.Equal([ReceiptStatus.Sent, ReceiptStatus.Delivered, ReceiptStatus.Read], statuses);
        Assert.DoesNotContain(shard0.Drain(), frame => frame is ReceiptFrame);
        Assert.Equal(1, await Simulator.CounterAsync(phone, "misrouted"));
    }

    [Fact]
    public async Task Sent_and_delivered_receipts_carry_a_24_hour_conversation_user_initiated_only_after_the_user_wrote()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var session = await Simulator.OpenAsync(phone, cert);
        const string quiet = "447700900301";
        const string writer = "447700900302";
        await Simulator.InjectInboundAsync(phone, writer, "hi", name: "Andre");
        var inbound = await session.NextAsync<InboundFrame>(frame => frame.From == writer);
        Assert.Equal("Andre", inbound.Name);

        foreach (var (id, to) in new[] { ("c1", quiet), ("c2", quiet), ("c3", writer) })
        {
            Assert.True((await session.SendAsync(new OutboundMessage(id, to, "hello"))).Accepted);
        }

        // Every message is delivered (DeliveredRatio 1): its delivered receipt comes after its sent one.
        var receipts = new List<ReceiptFrame>();
        while (receipts.Count(r => r.Status == ReceiptStatus.Delivered) < 3)
        {
            receipts.Add(await session.NextAsync<ReceiptFrame>());
        }

        var first = receipts.Single(r => r.Id == "c1" && r.Status == ReceiptStatus.Sent);
        var second = receipts.Single(r => r.Id == "c2" && r.Status == ReceiptStatus.Delivered);
        var written = receipts.Single(r => r.Id == "c3" && r.Status == ReceiptStatus.Sent);

        Assert.Equal(first.Conversation, second.Conversation); // one conversation per recipient while it lasts
        Assert.Equal("business_initiated", first.Conversation!.Origin);
        Assert.Equal(new ReceiptPricing(true, "CBP", "business_initiated"), first.Pricing);
        Assert.InRange(first.Conversation.ExpiresAt - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 23 * 3600, 24 * 3600);
        Assert.Equal("user_initiated", written.Conversation!.Origin);
        Assert.NotEqual(first.Conversation.Id, written.Conversation.Id);
        Assert.All(receipts.Where(r => r.Status == ReceiptStatus.Read), r => Assert.Null(r.Conversation));
    }
}
