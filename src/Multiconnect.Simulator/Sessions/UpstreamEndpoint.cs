using System.Net.WebSockets;
using Multiconnect.Upstream;
using Multiconnect.Upstream.Frames;
using Multiconnect.Upstream.Transport;

namespace Multiconnect.Simulator.Sessions;

/// <summary>The upstream endpoint: one WebSocket per shard session (docs/upstream-protocol.md).</summary>
public static class UpstreamEndpoint
{
    private static readonly TimeSpan WriterTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapUpstreamEndpoint(this IEndpointRouteBuilder app)
    {
        app.Map(UpstreamProtocol.Path, RunAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> RunAsync(HttpContext context, UpstreamServer server, IHostApplicationLifetime host)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.BadRequest($"{UpstreamProtocol.Path} speaks WebSocket only; see docs/upstream-protocol.md.");
        }

        var settings = server.Options;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = settings.KeepAliveInterval,
            KeepAliveTimeout = settings.EffectiveKeepAliveTimeout,
        });
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        using var helloTimeout = new CancellationTokenSource(settings.HelloTimeout);
        using var helloExpired = helloTimeout.Token.Register(static state => ((CancellationTokenSource)state!).Cancel(), lifetime);
        var connection = new FrameConnection(socket, UpstreamProtocol.MaxMessageBytes, settings.MaxQueuedFrames);
        var conversation = new UpstreamConversation(connection, lifetime, helloTimeout, server);
        using var stopping = host.ApplicationStopping.Register(() => conversation.Close(RefusalReasons.ShuttingDown, "the server is stopping"));
        var writer = connection.RunWriterAsync(lifetime.Token);
        try
        {
            await connection.RunReaderAsync(conversation.OnFramesAsync, lifetime.Token);
        }
        catch (UpstreamProtocolException e)
        {
            server.Logger.ProtocolError(e.Message);
            connection.Complete(new ClosingFrame(RefusalReasons.ProtocolError, e.Message), WebSocketCloseStatus.ProtocolError, RefusalReasons.ProtocolError);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The peer went away, stopped answering, or the server is stopping.
        }
        finally
        {
            conversation.End();
            connection.Complete();
        }

        try
        {
            await writer.WaitAsync(WriterTimeout);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException or IOException)
        {
            // Nothing more can be written.
        }

        return TypedResults.Empty;
    }
}
