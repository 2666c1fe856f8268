using System.Net.WebSockets;
using Multiconnect.Upstream.Transport;

namespace Multiconnect.Tests.Simulator;

/// <summary>The transport both ends share, over an in-memory WebSocket stream.</summary>
public sealed class FrameConnectionTests
{
    [Fact]
    public async Task No_message_written_is_larger_than_the_maximum_and_no_frame_is_lost()
    {
        const int max = 1000;
        using var wire = new MemoryStream();
        using var server = WebSocket.CreateFromStream(wire, new WebSocketCreationOptions { IsServer = true });
        var connection = new FrameConnection(server, max);
        var sent = Enumerable.Range(0, 50).Select(i => new AckFrame($"id-{i}-{new string('x', 20 + (i * 7 % 200))}", i, false)).ToList();
        foreach (var frame in sent)
        {
            Assert.True(connection.TrySend(frame));
        }

        connection.Complete();
        await connection.RunWriterAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);

        wire.Position = 0;
        using var client = WebSocket.CreateFromStream(wire, new WebSocketCreationOptions { IsServer = false });
        var received = new List<UpstreamFrame>();
        var buffer = new byte[64 * 1024];
        var messages = 0;
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await client.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            Assert.InRange(length, 1, max);
            FrameCodec.ReadAll(buffer.AsSpan(0, length), received);
            messages++;
        }

        Assert.True(messages > 1, "the frames do not fit in one message, so they must have been split");
        Assert.Equal(sent.Select(f => f.Id), received.Cast<AckFrame>().Select(f => f.Id));
    }

    [Fact]
    public void A_peer_that_lets_the_outbox_overflow_is_disconnected_instead_of_buffered()
    {
        using var server = WebSocket.CreateFromStream(new MemoryStream(), new WebSocketCreationOptions { IsServer = true });
        var connection = new FrameConnection(server, maxQueuedFrames: 3);

        var accepted = Enumerable.Range(0, 3).Select(i => connection.TrySend(new InboundAckFrame($"in.{i}"))).ToList();
        var overflowing = connection.TrySend(new InboundAckFrame("in.3"));

        Assert.All(accepted, Assert.True);
        Assert.False(overflowing);
        Assert.True(connection.Overflowed);
        Assert.False(connection.TrySend(new InboundAckFrame("in.4")), "the connection is closing");
    }
}
