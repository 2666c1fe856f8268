using System.Net.WebSockets;
using Multiconnect.Contracts.Routing;
using Multiconnect.Simulator.Faults;
using Multiconnect.Simulator.Numbers;
using Multiconnect.Upstream;
using Multiconnect.Upstream.Frames;
using Multiconnect.Upstream.Transport;

namespace Multiconnect.Simulator.Sessions;

/// <summary>
/// One connection on the upstream endpoint, from hello to close: admits or refuses the session,
/// then handles its sends (paced by the cap), inbound acks and read marks in the order they arrive.
/// </summary>
/// <remarks>
/// <paramref name="helloTimeout"/> cuts the connection when no hello comes in time; it is a source of its own, so
/// that disarming it never overwrites the close deadline a takeover sets on <paramref name="lifetime"/>.
/// </remarks>
public sealed class UpstreamConversation(FrameConnection connection, CancellationTokenSource lifetime, CancellationTokenSource helloTimeout, UpstreamServer server)
{
    /// <summary>How long a peer may take to answer our close before the connection is cut.</summary>
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private bool _refused;

    public ShardSession? Session { get; private set; }

    public async ValueTask OnFramesAsync(List<UpstreamFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        // A closing session's sends are still handled: those of a fenced-out owner are refused and counted.
        if (_refused)
        {
            return;
        }

        var latency = server.Faults.LatencyFor(Session?.Number.Number ?? FaultInjector.AllNumbers);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, server.Clock, lifetime.Token).ConfigureAwait(false);
        }

        var now = server.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var frame in frames)
        {
            switch (frame)
            {
                case HelloFrame hello when Session is null:
                    Open(hello);
                    if (_refused)
                    {
                        return;
                    }

                    break;
                case SendFrame send when Session is { } session:
                    if (session.Cap?.Reserve() is { TotalMilliseconds: >= 1 } wait)
                    {
                        await Task.Delay(wait, server.Clock, lifetime.Token).ConfigureAwait(false);
                        now = server.Clock.GetUtcNow().ToUnixTimeMilliseconds();
                    }

                    session.Number.Accept(session, send, now, server.Receipts, server.Options.NotOnWhatsApp, server.Media);
                    break;
                case InboundAckFrame ack when Session is { } session:
                    session.Number.AckInbound(session, ack.Id);
                    break;
                case ReadFrame read when Session is { } session:
                    session.Number.MarkRead(read.Id);
                    break;
                default:
                    throw new UpstreamProtocolException(Session is null
                        ? $"The first frame must be a hello, not '{frame.GetType().Name}'."
                        : $"A client does not send '{frame.GetType().Name}' frames in an open session.");
            }
        }
    }

    /// <summary>The connection has ended: the shard has no session until the next hello.</summary>
    public void End()
    {
        if (Session is { } session)
        {
            session.Number.Detach(session);
            server.Logger.SessionEnded(session.Id, session.Number.Number, session.Shard, session.Epoch, session.Accepted);
        }
    }

    /// <summary>Closes the connection with a reason, whether or not a session is open.</summary>
    public void Close(string reason, string detail)
    {
        connection.Complete(new ClosingFrame(reason, detail), WebSocketCloseStatus.EndpointUnavailable, reason);
        CloseSoon();
    }

    private void CloseSoon()
    {
        try
        {
            lifetime.CancelAfter(CloseTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The connection has already ended.
        }
    }

    private void Open(HelloFrame hello)
    {
        var number = $"{hello.Cc}{hello.Phone}";
        var (reason, detail) = Check(hello);
        if (reason is null)
        {
            var business = server.Numbers.GetOrAdd(hello.Cc, hello.Phone);
            var session = new ShardSession(business, hello, connection, lifetime, server.Options.SessionMessagesPerSecond, server.Clock.GetUtcNow());
            var welcome = new WelcomeFrame(UpstreamProtocol.Version, session.Id, hello.Epoch, server.Clock.GetUtcNow().ToUnixTimeMilliseconds(), server.Options.SessionMessagesPerSecond);
            if (business.Admit(session, welcome) is not { } refusal)
            {
                DisarmHelloTimeout();
                Session = session;
                server.Logger.SessionOpened(session.Id, number, hello.Shard, hello.Shards, hello.Epoch, hello.Client);
                return;
            }

            Refuse(refusal, hello);
            return;
        }

        // A refused hello creates nothing: it is counted only for a number that already exists.
        server.Numbers.Find(number)?.Counters.CountRefusedSession(reason);
        Refuse(new RefusedFrame(reason, detail), hello);
    }

    private void DisarmHelloTimeout()
    {
        try
        {
            helloTimeout.CancelAfter(Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The connection has already ended.
        }
    }

    private (string? Reason, string Detail) Check(HelloFrame hello)
    {
        if (hello.V != UpstreamProtocol.Version)
        {
            return (RefusalReasons.UnsupportedVersion, $"this server speaks version {UpstreamProtocol.Version}, not {hello.V}");
        }

        var problem = PhoneNumber.Problem(hello.Cc, hello.Phone)
            ?? (!ShardCount.IsAllowed(hello.Shards) ? $"shards must be one of {string.Join(", ", ShardCount.Allowed)}, not {hello.Shards}" : null)
            ?? (hello.Shard < 0 || hello.Shard >= hello.Shards ? $"shard must be between 0 and {hello.Shards - 1}, not {hello.Shard}" : null)
            ?? (hello.Epoch < 0 ? $"epoch must not be negative, not {hello.Epoch}" : null);
        if (problem is not null)
        {
            return (RefusalReasons.Invalid, problem);
        }

        if (server.Faults.RefusingSessionsUntil(hello.Cc + hello.Phone) is { } until)
        {
            return (RefusalReasons.Unavailable, $"new sessions are refused until {until:O}; retry later");
        }

        var certificate = server.Authority.Verifier.Verify(hello.Cert, hello.Cc, hello.Phone, server.Clock.GetUtcNow());
        return (certificate.RefusalReason, certificate.Detail);
    }

    private void Refuse(RefusedFrame refusal, HelloFrame hello)
    {
        _refused = true;
        var number = hello.Cc + hello.Phone;
        server.Logger.SessionRefused(number, hello.Shard, hello.Epoch, refusal.Reason, refusal.Detail);
        connection.Complete(refusal, WebSocketCloseStatus.PolicyViolation, refusal.Reason);
        CloseSoon();
    }
}
