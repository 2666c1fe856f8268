using System.Buffers.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;
using Multiconnect.Gateway.Cluster;
using Multiconnect.Gateway.Errors;
using Multiconnect.Persistence;
using Multiconnect.Gateway.Requests;
using Multiconnect.Gateway.Requests.Messages;

namespace Multiconnect.Gateway.Apis;

public static class MessagesApi
{
    /// <summary>Shards a send may be routed to: each "moved" carries a newer map, so more than two means the count changed again meanwhile.</summary>
    private const int MaxHops = 4;

    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var messages = app.MapGroup("/v1/messages");
        messages.MapPost("/", SendAsync).WithName("SendMessage")
            .WithRequestBody<SendMessageBody>()
            .WithSummary("Sends a message of any type (text, template, hsm, image, audio, video, document, sticker, location, contacts, interactive, reaction). Answers once the message is durable; the id is unique across the cluster.");
        messages.MapPut("/{id}", MarkReadAsync).WithName("MarkMessageRead")
            .WithRequestBody<MarkReadBody>()
            .WithSummary("Marks an inbound message read: {\"status\":\"read\"}.");
        return app;
    }

    public static async Task<Results<Created<SendMessageResponse>, ApiError>> SendAsync(
        RequestBody<SendMessageBody> send, HttpRequest request, ShardMapCache shards, ShardCaller caller, IMediaStore media, IOptions<GatewayOptions> gateway)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(gateway);
        if (send.Value.Medium is { Id: { } mediumId } && await MediumProblemAsync(send.Value.MessageType, mediumId, media, gateway.Value.Media, request.HttpContext.RequestAborted) is { } problem)
        {
            return problem;
        }

        var recipient = send.Value.Recipient;
        var (type, content) = (send.Value.MessageType, send.Value.Content());
        if (content.Length > MessageToSend.MaxBodyLength)
        {
            return ApiError.MessageTooLong($"{type}: the message is {content.Length} characters as JSON; at most {MessageToSend.MaxBodyLength} can be sent");
        }

        // The id is chosen here, so that a retried append (after a timeout or a failover) is recognised, not doubled.
        var id = NewMessageId();
        for (var hop = 1; ; hop++)
        {
            var map = await shards.GetAsync(request.HttpContext.RequestAborted);
            var message = new MessageToSend(id, recipient.Value, content, map.Generation, type, send.Value.TtlSeconds);
            var shard = ShardRouter.ShardFor(recipient, map.Shards);
            try
            {
                await caller.CallAsync(
                    c => c.GetGrain<IShardGrain>(shard).AppendAsync(message),
                    c => c.GetGrain<IShardGrainCopies>(shard).AppendAsync(message),
                    request.HttpContext.RequestAborted);
                return TypedResults.Created((string?)null, new SendMessageResponse([new MessageId(id)]));
            }
            catch (ShardMovedException moved) when (hop < MaxHops)
            {
                // Routed by an old map: the shard answered with the one in force; route again at once.
                shards.Observe(map with { Shards = ShardCount.From(moved.Shards), Generation = moved.Generation });
            }
        }
    }

    public static async Task<Results<Ok, ApiError>> MarkReadAsync(
        string id, RequestBody<MarkReadBody> body, HttpRequest request, ShardCaller caller, IInboundMessages inbound)
    {
        ArgumentNullException.ThrowIfNull(body); // {"status":"read"}, checked before the handler runs
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(inbound);
        if (id.Length > MessageId.MaxLength || id.Any(char.IsControl))
        {
            return ApiError.Invalid("id", $"is not a message id: one to {MessageId.MaxLength} characters, none of them control characters");
        }

        if (await inbound.ShardOfAsync(id, request.HttpContext.RequestAborted) is not { } shard)
        {
            return ApiError.ForStatus(StatusCodes.Status404NotFound, request.Method, request.Path);
        }

        await caller.CallAsync(c => c.GetGrain<IShardGrain>(shard).MarkReadAsync(id), request.HttpContext.RequestAborted);
        await inbound.MarkedReadAsync(id, request.HttpContext.RequestAborted);
        return TypedResults.Ok();
    }

    /// <summary>
    /// A medium sent by id must be an uploaded file (else 404/1006, as its download would answer), and an image,
    /// audio, video or sticker a file of that kind (a document may be any file): the servers would refuse it
    /// otherwise, after the client was told it was accepted.
    /// </summary>
    private static async Task<ApiError?> MediumProblemAsync(string type, string id, IMediaStore media, MediaOptions limits, CancellationToken cancellationToken)
    {
        if (await MediaApi.FindAsync(id, media, cancellationToken) is not { } file)
        {
            return MediaApi.NotFound(id);
        }

        return type != "document" && MediaTypeRules.KindOf(file.ContentType, limits) is { IsValid: true } kind && kind.Value.Name != type
            ? ApiError.Invalid($"{type}.id", $"file {id} is {kind.Value.Name} ({file.ContentType}), not {type}")
            : null;
    }

    /// <summary>"wamid." and 22 base64url characters of a time-ordered GUID: unique across gateways without coordination.</summary>
    private static string NewMessageId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.CreateVersion7().TryWriteBytes(bytes, bigEndian: true, out _);
        return "wamid." + Base64Url.EncodeToString(bytes);
    }
}
