using System.Diagnostics;
using Multiconnect.Contracts.Grains;
using Multiconnect.Grains.Messaging;
using Multiconnect.Contracts.Routing;
using Multiconnect.Persistence;
using Multiconnect.Tests.Integration.Infrastructure;
using Npgsql;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// The message log on PostgreSQL: a gateway's retry of a send carries the same id, in the same batch or a
/// later one; appends are fenced by the generation of the shard map; a handover asks which buckets wait.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MessageLogTests(PostgresFixture postgres)
{
    private static readonly BusinessAccount Account = new("1", "6315550000", "cert");

    [Fact]
    public async Task A_retried_message_is_stored_once_whether_it_shares_a_batch_with_its_first_try_or_comes_later()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var lease = await new PostgresShardLeaseStore(cluster.Database, "test").ClaimAsync(0, "silo-a", "a", CancellationToken.None);
        var map = await new PostgresShardMapStore(cluster.Database, "test").ReadAsync(CancellationToken.None);
        var log = new PostgresMessageLog(cluster.Database, "test");
        var first = new PendingMessage("wamid.retried", "16315550001", "seq=1 hello", 5);
        var second = new PendingMessage("wamid.other", "16315550001", "seq=2 hello", 5);

        var written = await log.AppendAsync(0, lease.Epoch, map.Generation, [first, second, first], CancellationToken.None);
        Assert.Equal([first with { Shards = 1 }, second with { Shards = 1 }], written.Written);
        Assert.Empty((await log.AppendAsync(0, lease.Epoch, map.Generation, [first], CancellationToken.None)).Written);
        Assert.Equal([first with { Shards = 1 }, second with { Shards = 1 }], await log.PendingAsync(0, CancellationToken.None));
    }

    [Fact]
    public async Task Each_message_keeps_its_type_and_body_through_the_append_and_back_to_its_shard()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var lease = await new PostgresShardLeaseStore(cluster.Database, "test").ClaimAsync(0, "silo-a", "a", CancellationToken.None);
        var map = await new PostgresShardMapStore(cluster.Database, "test").ReadAsync(CancellationToken.None);
        var log = new PostgresMessageLog(cluster.Database, "test");
        PendingMessage[] messages =
        [
            new("wamid.text", "16315550001", "seq=1 hello", 5),
            new("wamid.template", "16315550001", """{"name":"order_update","language":{"code":"en_US"}}""", 5, Type: "template"),
            new("wamid.contacts", "16315550001", """[{"name":{"formatted_name":"John Smith"}}]""", 5, Type: "contacts"),
        ];

        Assert.Equal(messages.Select(m => m with { Shards = 1 }), (await log.AppendAsync(0, lease.Epoch, map.Generation, messages, CancellationToken.None)).Written);
        Assert.Equal(messages.Select(m => m with { Shards = 1 }), await log.PendingAsync(0, CancellationToken.None));
        Assert.Equal("text,template,contacts", await cluster.ScalarAsync<string>("SELECT string_agg(type, ',' ORDER BY seq) FROM messages_out"));
    }

    [Fact]
    public async Task A_message_the_database_refuses_fails_alone_and_the_rest_of_its_group_commit_is_written_in_order()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var lease = await new PostgresShardLeaseStore(cluster.Database, "test").ClaimAsync(0, "silo-a", "a", CancellationToken.None);
        var map = await new PostgresShardMapStore(cluster.Database, "test").ReadAsync(CancellationToken.None);
        var log = new PostgresMessageLog(cluster.Database, "test");
        PendingMessage Message(int i) => new($"wamid.{i}", "16315550001", i == 10 ? "seq=10 \0 refused by PostgreSQL" : $"seq={i}", 5);

        // The log alone: PostgreSQL refuses the whole statement, and says so in our own, serializable exception.
        await Assert.ThrowsAsync<MessageRefusedException>(() => log.AppendAsync(0, lease.Epoch, map.Generation, [Message(9), Message(10)], CancellationToken.None));
        Assert.Empty(await log.PendingAsync(0, CancellationToken.None));

        // The group commit: while the map's row is locked the first append waits, so the others queue up and go together.
        await using var blocker = await cluster.Database.OpenConnectionAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockMap = new NpgsqlCommand("SELECT 1 FROM shard_maps WHERE service_id = 'test' FOR UPDATE", blocker, transaction))
        {
            await lockMap.ExecuteNonQueryAsync();
        }

        var committed = new List<PendingMessage>();
        await using var writer = new MessageWriter(log, 0, lease.Epoch, maxBatch: 100, () => map, _ => Task.CompletedTask, written => committed.AddRange(written));
        var sends = Enumerable.Range(0, 21).Select(i => writer.AppendAsync(Message(i))).ToList();
        await transaction.CommitAsync();

        var refused = await Assert.ThrowsAsync<MessageRefusedException>(() => sends[10]);
        Assert.Contains("0x00", refused.Message, StringComparison.Ordinal);
        await Task.WhenAll(sends.Where((_, i) => i != 10));
        var expected = Enumerable.Range(0, 21).Where(i => i != 10).Select(i => $"wamid.{i}").ToList();
        Assert.Equal(expected, (await log.PendingAsync(0, CancellationToken.None)).Select(m => m.Id));
        Assert.Equal(expected, committed.Select(m => m.Id));
    }

    [Fact]
    public async Task After_a_change_of_count_an_append_routed_by_the_old_generation_writes_nothing_and_learns_the_new_one()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var lease = await new PostgresShardLeaseStore(cluster.Database, "test").ClaimAsync(0, "silo-a", "a", CancellationToken.None);
        var maps = new PostgresShardMapStore(cluster.Database, "test");
        var log = new PostgresMessageLog(cluster.Database, "test");
        var before = await maps.ReadAsync(CancellationToken.None);
        var after = await maps.ChangeAsync(ShardCount.From(2), Account, CancellationToken.None);
        Assert.Equal(before.Generation + 1, after.Generation);
        Assert.Equal(after.Generation, (await maps.ChangeAsync(ShardCount.From(2), Account, CancellationToken.None)).Generation);

        var stale = await log.AppendAsync(0, lease.Epoch, before.Generation, [new PendingMessage("wamid.stale", "16315550001", "hello", 0)], CancellationToken.None);
        Assert.False(stale.Accepted(before.Generation));
        Assert.Equal(after.Generation, stale.CurrentGeneration);
        Assert.Empty(stale.Written);
        Assert.Empty(await log.PendingAsync(0, CancellationToken.None));

        var current = await log.AppendAsync(0, lease.Epoch, after.Generation, [new PendingMessage("wamid.current", "16315550001", "hello", 0)], CancellationToken.None);
        Assert.True(current.Accepted(after.Generation));
        Assert.Equal([new PendingMessage("wamid.current", "16315550001", "hello", 0, after.Generation, 2)], await log.PendingAsync(0, CancellationToken.None));
    }

    [Fact]
    public async Task A_bucket_waits_while_another_shard_holds_an_unsent_message_of_an_older_generation_for_it()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var leases = new PostgresShardLeaseStore(cluster.Database, "test");
        var maps = new PostgresShardMapStore(cluster.Database, "test");
        var log = new PostgresMessageLog(cluster.Database, "test");
        var shard0 = await leases.ClaimAsync(0, "silo-a", "a", CancellationToken.None);
        var two = await maps.ChangeAsync(ShardCount.From(2), Account, CancellationToken.None);
        // Under 2 shards, shard 0 accepts for buckets 2 and 4; then the count doubles and bucket 2 moves to shard 2.
        await log.AppendAsync(0, shard0.Epoch, two.Generation,
            [new PendingMessage("wamid.b2", "16315550002", "seq=1", 2), new PendingMessage("wamid.b4", "16315550004", "seq=1", 4)], CancellationToken.None);
        var four = await maps.ChangeAsync(ShardCount.From(4), Account, CancellationToken.None);

        var blocked = Assert.Single(await log.BlockedBucketsAsync(2, four.Generation, four.BucketsOf(2), CancellationToken.None));
        Assert.Equal((2, two.Generation), (blocked.Key, blocked.Value)); // bucket 2, held back by a message of generation "two"
        Assert.Empty(await log.BlockedBucketsAsync(0, four.Generation, four.BucketsOf(0), CancellationToken.None)); // its own rows never block it
        await log.MarkSentAsync(["wamid.b2"], CancellationToken.None);
        Assert.Empty(await log.BlockedBucketsAsync(2, four.Generation, four.BucketsOf(2), CancellationToken.None));

        // Halving back to 2: shard 3 is beyond the count and still holds an unsent row.
        var shard3 = await leases.ClaimAsync(3, "silo-b", "b", CancellationToken.None);
        await log.AppendAsync(3, shard3.Epoch, four.Generation, [new PendingMessage("wamid.b7", "16315550007", "seq=1", 7)], CancellationToken.None);
        await maps.ChangeAsync(ShardCount.From(2), Account, CancellationToken.None);
        Assert.Equal([3], await log.ShardsWithPendingAsync(2, CancellationToken.None));
        Assert.Equal([0, 3], await log.ShardsWithPendingAsync(0, CancellationToken.None));
    }

    [Fact]
    public async Task A_change_of_count_waits_for_the_appends_in_flight_and_not_for_a_stream_of_overlapping_ones()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var maps = new PostgresShardMapStore(cluster.Database, "test");
        var before = await maps.ReadAsync(CancellationToken.None);

        // A relay of transactions holding the map's row FOR SHARE, as appends hold it until they commit: each
        // for 300 ms, a new one every 100 ms, so that the row is never free. Row locks are not queued: an
        // update alone would wait behind the relay for as long as it ran (30 s at most here).
        var firstHeld = new TaskCompletionSource();
        var holders = new List<Task> { HoldMapAsync(cluster.Database, firstHeld) };
        await firstHeld.Task;
        var change = maps.ChangeAsync(ShardCount.From(4), Account, CancellationToken.None);
        var relay = Stopwatch.StartNew();
        while (!change.IsCompleted && relay.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.WhenAny(change, Task.Delay(TimeSpan.FromMilliseconds(100)));
            holders.Add(HoldMapAsync(cluster.Database));
        }

        Assert.True(change.IsCompleted, "the change was still waiting when the relay of shared locks ended");
        Assert.Equal(before.Generation + 1, (await change).Generation);
        await Task.WhenAll(holders);
    }

    /// <summary>Holds the shard map's row FOR SHARE for 300 ms, as an append holds it until it commits.</summary>
    private static async Task HoldMapAsync(NpgsqlDataSource database, TaskCompletionSource? held = null)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("SELECT 1 FROM shard_maps WHERE service_id = 'test' FOR SHARE", connection, transaction))
        {
            await hold.ExecuteScalarAsync();
        }

        held?.SetResult();
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await transaction.CommitAsync();
    }
}
