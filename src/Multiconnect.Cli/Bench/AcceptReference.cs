using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;
using Multiconnect.Gateway.Apis;
using Multiconnect.Gateway.Requests;
using Multiconnect.Gateway.Requests.Messages;
using Multiconnect.Grains.Messaging;
using Multiconnect.Harness;
using Multiconnect.Persistence;

namespace Multiconnect.Cli.Bench;

/// <summary>
/// The accept path alone, the reference for the limit (issue 16, point 4): POST /v1/messages, the gateway's
/// own reading and validation of the body, a shard's group commit (<see cref="MessageWriter"/>) into the
/// message log (<see cref="PostgresMessageLog"/>, fenced by a lease and the map as in a cluster), 201 with
/// the id; no Orleans, no delivery, no second process. It runs on Kestrel in the bench's own process,
/// on a database of its own in the same PostgreSQL, with one writer per shard, routed as the gateway routes.
/// </summary>
internal sealed class AcceptReference : IAsyncDisposable
{
    private const string ServiceId = "accept-reference";
    private readonly LocalCluster _database;
    private readonly WebApplication _app;
    private readonly MessageWriter[] _writers;

    private AcceptReference(LocalCluster database, WebApplication app, MessageWriter[] writers) =>
        (_database, _app, _writers) = (database, app, writers);

    public Uri Address { get; private set; } = null!;

    public string Token { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray());

    public static async Task<AcceptReference> StartAsync(PostgresServer server, int shards)
    {
        var database = await LocalCluster.CreateAsync(server);
        var count = ShardCount.From(shards);
        var map = await new PostgresShardMapStore(database.Database, ServiceId)
            .ChangeAsync(count, new BusinessAccount("1", "5550100", "reference"), CancellationToken.None);
        var log = new PostgresMessageLog(database.Database, ServiceId);
        var leases = new PostgresShardLeaseStore(database.Database, ServiceId);
        var writers = new MessageWriter[shards];
        for (var shard = 0; shard < shards; shard++)
        {
            var lease = await leases.ClaimAsync(shard, "reference", "reference", CancellationToken.None);
            writers[shard] = new MessageWriter(log, shard, lease.Epoch, new ShardOptions().MaxBatch, () => map, _ => Task.CompletedTask, _ => { });
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var reference = new AcceptReference(database, app, writers);
        app.MapPost("/v1/messages", (HttpRequest request) => reference.AcceptAsync(request, count));
        await app.StartAsync();
        reference.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return reference;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var writer in _writers)
        {
            await writer.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    private async Task<IResult> AcceptAsync(HttpRequest request, ShardCount count)
    {
        if (request.Headers.Authorization != $"Bearer {Token}")
        {
            return Results.Unauthorized();
        }

        var read = await JsonRequestBody.ReadAsync<SendMessageBody>(request);
        if (read.Error is { } refused)
        {
            return refused;
        }

        var send = read.Value!;
        var id = "wamid." + Guid.CreateVersion7().ToString("N");
        var bucket = ShardRouter.BucketFor(send.Recipient);
        var expiresAt = send.TtlSeconds is { } ttl ? DateTimeOffset.UtcNow.AddSeconds(ttl) : (DateTimeOffset?)null;
        await _writers[ShardRouter.ShardFor(bucket, count)].AppendAsync(
            new PendingMessage(id, send.Recipient.Value, send.Content(), bucket, Type: send.MessageType, ExpiresAt: expiresAt));
        return TypedResults.Created((string?)null, new SendMessageResponse([new MessageId(id)]));
    }
}
