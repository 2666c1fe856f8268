using System.Buffers.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;
using Multiconnect.Gateway.Cluster;
using Multiconnect.Gateway.Errors;
using Multiconnect.Persistence;
using Multiconnect.Gateway.Requests;

namespace Multiconnect.Gateway.Apis;

public static class MessagesApi
{
    /// <summary>Shards a send may be routed to: each "moved" carries a newer map, so more than two means the count changed again meanwhile.</summary>
    private const int MaxHops = 4;

    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var messages = app.MapGroup("/v1/messages");
        messages.MapPost("/", SendAsync).WithName("SendMessage")
            .Accepts<SendMessageBody>(JsonRequestBody.ContentType)
            .WithSummary("Sends a text message. Answers once the message is durable; the id is unique across the cluster.");
        messages.MapPut("/{id}", MarkReadAsync).WithName("MarkMessageRead")
            .Accepts<MarkReadBody>(JsonRequestBody.ContentType)
            .WithSummary("Marks an inbound message read: {\"status\":\"read\"}.");
        return app;
    }

    public static async Task<Results<Created<SendMessageResponse>, ApiError>> SendAsync(
        HttpRequest request, ShardMapCache shards, ShardCaller caller)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentNullException.ThrowIfNull(caller);
        var send = await JsonRequestBody.ReadAsync(request, SendMessageRequest.From);
        if (!send.IsValid)
        {
            return send.Error;
        }

        // The id is chosen here, so that a retried append (after a timeout or a failover) is recognised, not doubled.
        var id = NewMessageId();
        for (var hop = 1; ; hop++)
        {
            var map = await shards.GetAsync(request.HttpContext.RequestAborted);
            var message = new MessageToSend(id, send.Value.To.Value, send.Value.Body, map.Generation);
            var shard = ShardRouter.ShardFor(send.Value.To, map.Shards);
            try
            {
                await caller.CallAsync(c => c.GetGrain<IShardGrain>(shard).AppendAsync(message), request.HttpContext.RequestAborted);
                return TypedResults.Created((string?)null, new SendMessageResponse([new MessageId(id)]));
            }
            catch (ShardMovedException moved) when (hop < MaxHops)
            {
                // Routed by an old map: the shard answered with the one in force; route again at once.
                shards.Observe(map with { Shards = ShardCount.From(moved.Shards), Generation = moved.Generation });
            }
        }
    }

    public static async Task<Results<Ok, ApiError>> MarkReadAsync(string id, HttpRequest request, ShardCaller caller, IInboundMessages inbound)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(inbound);
        var body = await JsonRequestBody.ReadAsync(request);
        if (!body.IsValid)
        {
            return body.Error;
        }

        if (id.Length > MessageId.MaxLength || id.Any(char.IsControl))
        {
            return ApiError.Invalid("id", $"is not a message id: one to {MessageId.MaxLength} characters, none of them control characters");
        }

        body.Value.OnlyKnown("status");
        var status = body.Value.RequiredString("status");
        if (status is not null and not "read")
        {
            body.Value.Invalid("status", "must be \"read\"");
        }

        if (body.Value.Problems is { } problems)
        {
            return problems;
        }

        if (await inbound.ShardOfAsync(id, request.HttpContext.RequestAborted) is not { } shard)
        {
            return ApiError.ForStatus(StatusCodes.Status404NotFound, request.Method, request.Path);
        }

        await caller.CallAsync(c => c.GetGrain<IShardGrain>(shard).MarkReadAsync(id), request.HttpContext.RequestAborted);
        await inbound.MarkedReadAsync(id, request.HttpContext.RequestAborted);
        return TypedResults.Ok();
    }

    /// <summary>"wamid." and 22 base64url characters of a time-ordered GUID: unique across gateways without coordination.</summary>
    private static string NewMessageId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.CreateVersion7().TryWriteBytes(bytes, bigEndian: true, out _);
        return "wamid." + Base64Url.EncodeToString(bytes);
    }
}
