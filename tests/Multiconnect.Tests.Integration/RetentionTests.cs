using System.Diagnostics;
using System.Globalization;
using Multiconnect.Tests.Integration.Infrastructure;
using Xunit.Abstractions;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// Retention with a real CoreApp on PostgreSQL: the holder of the webhook dispatcher role prunes sent
/// messages, delivered callbacks, users' messages and fence events past their retention, and drops
/// undelivered callbacks beyond the backlog's bounds, counted and logged. Rows are written with SQL,
/// with the timestamps they would have after days of running.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RetentionTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const string ServiceId = CallbackOutbox.DefaultServiceId;

    /// <summary>Passes every 200 ms, so that a test sees several in a second.</summary>
    private static readonly Dictionary<string, string?> QuickPasses = new()
    {
        ["Multiconnect__Retention__Interval"] = "00:00:00.200",
    };

    [Fact]
    public async Task Pruning_deletes_only_what_is_past_retention_never_an_unsent_message_or_a_callback_within_bounds()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        await ExecuteAsync(cluster, """
            INSERT INTO messages_out (id, service_id, shard_id, recipient, body, accepted_epoch, accepted_at, sent_at, generation, shards, bucket) VALUES
                ('out.sent-2-days-ago', 'multiconnect', 0, '16315550001', 'seq=1', 1, now() - interval '3 days', now() - interval '2 days', 1, 2, 4),
                ('out.sent-an-hour-ago', 'multiconnect', 0, '16315550001', 'seq=2', 1, now() - interval '2 hours', now() - interval '1 hour', 1, 2, 4),
                -- accepted three days ago under an older shard map and never sent: its shard, or the shard that
                -- gained its recipient, still has to deliver it
                ('out.unsent-3-days', 'multiconnect', 1, '16315550003', 'seq=1', 1, now() - interval '3 days', NULL, 1, 2, 7);
            INSERT INTO webhook_outbox (service_id, conversation, kind, status, payload, created_at, delivered_at) VALUES
                ('multiconnect', '16315550001', 'status', 'read', '{"statuses":[{"id":"cb.delivered-2-days-ago"}]}', now() - interval '2 days', now() - interval '2 days'),
                ('multiconnect', '16315550001', 'status', 'read', '{"statuses":[{"id":"cb.delivered-an-hour-ago"}]}', now() - interval '1 hour', now() - interval '1 hour'),
                ('multiconnect', '16315550002', 'status', 'read', '{"statuses":[{"id":"cb.waiting-2-days"}]}', now() - interval '2 days', NULL);
            -- users' messages kept 1 hour here: one whose callback was delivered, one whose callback still waits, one recent
            INSERT INTO messages_in (id, service_id, shard_id, sender, body, sent_at, received_at) VALUES
                ('in.delivered-2-hours-ago', 'multiconnect', 0, '16315550004', 'hello', now() - interval '2 hours', now() - interval '2 hours'),
                ('in.waiting-2-hours', 'multiconnect', 0, '16315550005', 'hello', now() - interval '2 hours', now() - interval '2 hours'),
                ('in.10-minutes-ago', 'multiconnect', 0, '16315550006', 'hello', now() - interval '10 minutes', now() - interval '10 minutes');
            INSERT INTO webhook_outbox (service_id, conversation, kind, payload, created_at, delivered_at) VALUES
                ('multiconnect', '16315550004', 'message', '{"messages":[{"id":"in.delivered-2-hours-ago"}]}', now() - interval '2 hours', now() - interval '2 hours'),
                ('multiconnect', '16315550005', 'message', '{"messages":[{"id":"in.waiting-2-hours"}]}', now() - interval '2 hours', NULL),
                ('multiconnect', '16315550006', 'message', '{"messages":[{"id":"in.10-minutes-ago"}]}', now() - interval '10 minutes', NULL);
            INSERT INTO shard_fence_events (service_id, shard_id, stale_epoch, current_epoch, stale_silo, refused_at) VALUES
                ('multiconnect', 0, 1, 2, 'fence.31-days-ago', now() - interval '31 days'),
                ('multiconnect', 0, 2, 3, 'fence.a-day-ago', now() - interval '1 day');
            """);

        await cluster.StartCoreAppAsync("coreapp-a", settings: new Dictionary<string, string?>(QuickPasses)
        {
            ["Multiconnect__Retention__InboundMessages"] = "01:00:00",
        });

        string[] expired = ["out.sent-2-days-ago", "cb.delivered-2-days-ago", "in.delivered-2-hours-ago", "fence.31-days-ago"];
        string[] kept =
        [
            "out.sent-an-hour-ago", "out.unsent-3-days", "cb.delivered-an-hour-ago", "cb.waiting-2-days",
            "in.waiting-2-hours", "in.10-minutes-ago", "fence.a-day-ago",
        ];
        await Eventually.True(async () => !(await RowsAsync(cluster)).Intersect(expired).Any(), "the rows past retention to be deleted");
        // The pass that deleted them looked at every other row too; more passes (every 200 ms) change nothing.
        await Consistently.True(async () => (await RowsAsync(cluster)).SetEquals(kept), "every other row to stay", TimeSpan.FromSeconds(1));
        Assert.Null(await ScalarAsync<DateTime?>(cluster, "SELECT sent_at FROM messages_out WHERE id = 'out.unsent-3-days'"));
    }

    [Fact]
    public async Task Beyond_its_bounds_the_oldest_waiting_callbacks_are_dropped_counted_and_logged()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        // No webhook URL: every callback waits. 200 written two hours ago, then 1,500 now, one seq after another.
        var first = await InsertWaitingAsync(cluster, 200, TimeSpan.FromHours(2));
        await InsertWaitingAsync(cluster, 1_500, TimeSpan.Zero);

        var coreApp = await cluster.StartCoreAppAsync("coreapp-a", settings: new Dictionary<string, string?>(QuickPasses)
        {
            ["Multiconnect__Webhooks__MaxPendingAge"] = "01:00:00",
            ["Multiconnect__Webhooks__MaxPendingCallbacks"] = "1000",
        });
        using var management = new HttpClient { BaseAddress = coreApp.ManagementUrl };

        // The 200 are too old; of the 1,500 the oldest 500 have 1,000 newer callbacks after them.
        await Eventually.True(async () => await WaitingAsync(cluster) == 1_000, "the backlog to come down to its bound");
        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => first + 700 + i), await WaitingSeqsAsync(cluster));
        var scrape = await Eventually.Get(async () =>
        {
            var s = await PrometheusScrape.GetAsync(management);
            return s.Of("multiconnect_webhooks_backlog").Sum(x => x.Value) == 1_000 ? s : null;
        }, "the backlog gauge to show the bound");
        Assert.Equal(200, scrape.Value("multiconnect_webhooks_dropped_total", ("reason", "age")));
        Assert.Equal(500, scrape.Value("multiconnect_webhooks_dropped_total", ("reason", "count")));
        await Eventually.True(() => Task.FromResult(
            coreApp.Output.Contains($"Dropped 200 undelivered callback(s) (seq {first} to {first + 199}) written more than 01:00:00 ago", StringComparison.Ordinal)
            && coreApp.Output.Contains($"Dropped 500 undelivered callback(s) (seq {first + 200} to {first + 699})", StringComparison.Ordinal)),
            "both drops to be logged as they happened");

        // New callbacks push the oldest waiting ones out, still the oldest first.
        var more = await InsertWaitingAsync(cluster, 300, TimeSpan.Zero);
        await Eventually.True(async () => (await WaitingSeqsAsync(cluster))[0] == more + 300 - 1_000, "the bound to hold as callbacks arrive");
        Assert.Equal(1_000, await WaitingAsync(cluster));
        await Eventually.True(
            async () => (await PrometheusScrape.GetAsync(management)).Value("multiconnect_webhooks_dropped_total", ("reason", "count")) == 800,
            "the later drops to be counted too");
    }

    [Fact]
    public async Task The_pruner_keeps_up_deleting_hundreds_of_thousands_of_rows_past_retention()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var coreApp = await cluster.StartCoreAppAsync("coreapp-a", settings: new Dictionary<string, string?> { ["Multiconnect__Retention__Interval"] = "00:00:00.100" });
        using var management = new HttpClient { BaseAddress = coreApp.ManagementUrl };
        await Eventually.True(async () => await CallbackOutbox.DispatcherAsync(cluster.ConnectionString) == "coreapp-a", "coreapp-a to take the dispatcher role");

        // What a cluster writes for 100,000 messages: the message, two statuses each, and 20,000 users'
        // messages with their callbacks, all past retention and done with.
        await ExecuteAsync(cluster, """
            INSERT INTO messages_out (id, service_id, shard_id, recipient, body, accepted_epoch, accepted_at, sent_at, generation, shards, bucket)
            SELECT 'out.' || i, 'multiconnect', i % 8, '1631555' || (i % 400), 'seq=' || i || ' hello', 1,
                   now() - interval '3 days', now() - interval '2 days', 1, 8, i % 32
              FROM generate_series(1, 100000) AS i;
            INSERT INTO webhook_outbox (service_id, conversation, kind, status, payload, created_at, delivered_at)
            SELECT 'multiconnect', '1631555' || (i % 400), 'status', 'delivered',
                   jsonb_build_object('statuses', jsonb_build_array(jsonb_build_object('id', 'out.' || (i / 2), 'status', 'delivered'))),
                   now() - interval '2 days', now() - interval '2 days'
              FROM generate_series(1, 200000) AS i;
            INSERT INTO messages_in (id, service_id, shard_id, sender, body, sent_at, received_at)
            SELECT 'in.' || i, 'multiconnect', i % 8, '1631556' || (i % 400), 'hello', now() - interval '8 days', now() - interval '8 days'
              FROM generate_series(1, 20000) AS i;
            INSERT INTO webhook_outbox (service_id, conversation, kind, payload, created_at, delivered_at)
            SELECT 'multiconnect', '1631556' || (i % 400), 'message', jsonb_build_object('messages', jsonb_build_array(jsonb_build_object('id', 'in.' || i))),
                   now() - interval '8 days', now() - interval '8 days'
              FROM generate_series(1, 20000) AS i;
            """);
        const int written = 100_000 + 200_000 + 20_000 + 20_000;
        var startedAt = Stopwatch.GetTimestamp();

        // Watched through the pruner's counter, which costs the database nothing, then checked in the tables.
        // 340,000 rows within 20 s: at least 17,000 rows a second, the wait between passes (100 ms) included.
        await Eventually.True(async () =>
        {
            var scrape = await PrometheusScrape.GetAsync(management);
            return scrape.Of("multiconnect_retention_deleted_total").Sum(s => s.Value) == written;
        }, "every row past retention to be deleted", TimeSpan.FromSeconds(20));
        var elapsed = Stopwatch.GetElapsedTime(startedAt);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Deleted {written:N0} rows in {elapsed.TotalSeconds:0.00} s: {written / elapsed.TotalSeconds:N0} rows/s (the CoreApp's counter polled every 50 ms)"));
        Assert.Equal(0, await ScalarAsync<long>(cluster, "SELECT (SELECT count(*) FROM messages_out) + (SELECT count(*) FROM webhook_outbox) + (SELECT count(*) FROM messages_in)"));
        var deleted = await PrometheusScrape.GetAsync(management);
        Assert.Equal(100_000, deleted.Value("multiconnect_retention_deleted_total", ("table", "messages_out")));
        Assert.Equal(220_000, deleted.Value("multiconnect_retention_deleted_total", ("table", "webhook_outbox")));
        Assert.Equal(20_000, deleted.Value("multiconnect_retention_deleted_total", ("table", "messages_in")));
    }

    [Fact]
    public async Task Media_files_past_retention_and_abandoned_uploads_go_with_their_chunks_and_are_counted()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        // Six files uploaded 31 days ago (more than one statement's four), one a day ago; an upload abandoned
        // two days ago (no length: its gateway died), and one under way for an hour. Two chunks each.
        await ExecuteAsync(cluster, """
            INSERT INTO media (id, service_id, content_type, length, created_at, completed_at)
            SELECT ('00000000-0000-7000-8000-00000000000' || i)::uuid, 'multiconnect', 'image/png', 6, now() - interval '31 days', now() - interval '31 days'
              FROM generate_series(1, 6) AS i;
            INSERT INTO media (id, service_id, content_type, length, created_at, completed_at) VALUES
                ('00000000-0000-7000-8000-0000000000a1', 'multiconnect', 'image/png', 6, now() - interval '1 day', now() - interval '1 day'),
                ('00000000-0000-7000-8000-0000000000b1', 'multiconnect', 'image/png', NULL, now() - interval '2 days', NULL),
                ('00000000-0000-7000-8000-0000000000c1', 'multiconnect', 'image/png', NULL, now() - interval '1 hour', NULL);
            INSERT INTO media_chunks (media_id, seq, data) SELECT id, seq, '\x010203'::bytea FROM media, generate_series(0, 1) AS seq;
            """);

        var coreApp = await cluster.StartCoreAppAsync("coreapp-a", settings: new Dictionary<string, string?>(QuickPasses));
        using var management = new HttpClient { BaseAddress = coreApp.ManagementUrl };

        string[] kept = ["00000000-0000-7000-8000-0000000000a1", "00000000-0000-7000-8000-0000000000c1"];
        await Eventually.True(async () => await ScalarAsync<long>(cluster, "SELECT count(*) FROM media") == kept.Length, "the files past retention to be deleted");
        await Consistently.True(async () => await ScalarAsync<long>(cluster, "SELECT count(*) FROM media") == kept.Length, "the other files to stay", TimeSpan.FromSeconds(1));
        Assert.Equal(
            string.Join(',', kept),
            await ScalarAsync<string>(cluster, "SELECT string_agg(id::text, ',' ORDER BY id) FROM media"));
        Assert.Equal(2 * kept.Length, await ScalarAsync<long>(cluster, "SELECT count(*) FROM media_chunks"));
        await Eventually.True(
            async () => (await PrometheusScrape.GetAsync(management)).Of("multiconnect_retention_deleted_total", ("table", "media")).Sum(s => s.Value) == 7,
            "the seven files to be counted");
    }

    [Theory]
    [InlineData("Multiconnect__Retention__SentMessages", "00:00:10", "Multiconnect:Retention:SentMessages must be at least 1 minute.")]
    [InlineData("Multiconnect__Webhooks__MaxPendingCallbacks", "10", "Multiconnect:Webhooks:MaxPendingCallbacks must be at least 100.")]
    public async Task A_coreapp_with_an_impossible_retention_setting_refuses_to_start_and_names_it(string setting, string value, string problem)
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);

        var coreApp = await cluster.StartCoreAppAsync("coreapp-a", waitUntilActive: false, settings: new Dictionary<string, string?> { [setting] = value });

        Assert.NotEqual(0, await coreApp.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(problem, coreApp.Output, StringComparison.Ordinal);
    }

    /// <summary>Undelivered status callbacks, written <paramref name="ago"/> in one statement; returns the seq of the first.</summary>
    private static async Task<long> InsertWaitingAsync(LocalCluster cluster, int count, TimeSpan ago)
    {
        await using var command = cluster.Database.CreateCommand("""
            INSERT INTO webhook_outbox (service_id, conversation, kind, status, payload, created_at)
            SELECT $1, '4477009' || (i % 7), 'status', 'delivered', jsonb_build_object('statuses', jsonb_build_array(jsonb_build_object('id', 'wamid.' || i))), now() - $2
              FROM generate_series(1, $3) AS i ORDER BY i
            RETURNING seq
            """);
        command.Parameters.Add(new() { Value = ServiceId });
        command.Parameters.Add(new() { Value = ago });
        command.Parameters.Add(new() { Value = count });
        var seqs = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            seqs.Add(reader.GetInt64(0));
        }

        Assert.Equal(seqs.Count - 1, seqs.Max() - seqs.Min());
        return seqs.Min();
    }

    private static Task<long> WaitingAsync(LocalCluster cluster) =>
        ScalarAsync<long>(cluster, "SELECT count(*) FROM webhook_outbox WHERE delivered_at IS NULL");

    private static async Task<List<long>> WaitingSeqsAsync(LocalCluster cluster)
    {
        await using var command = cluster.Database.CreateCommand("SELECT seq FROM webhook_outbox WHERE delivered_at IS NULL ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync();
        var seqs = new List<long>();
        while (await reader.ReadAsync())
        {
            seqs.Add(reader.GetInt64(0));
        }

        return seqs;
    }

    /// <summary>The names of the rows the first test wrote that are still there: message ids, callback ids, fence events' silo.</summary>
    private static async Task<HashSet<string>> RowsAsync(LocalCluster cluster)
    {
        await using var command = cluster.Database.CreateCommand("""
            SELECT id FROM messages_out
            UNION ALL SELECT payload #>> '{statuses,0,id}' FROM webhook_outbox WHERE kind = 'status'
            UNION ALL SELECT id FROM messages_in
            UNION ALL SELECT stale_silo FROM shard_fence_events
            """);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task ExecuteAsync(LocalCluster cluster, string sql)
    {
        await using var command = cluster.Database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(LocalCluster cluster, string sql)
    {
        await using var command = cluster.Database.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? default! : (T)value!;
    }
}
