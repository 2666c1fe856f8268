using System.Diagnostics;
using System.Net;
using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// PostgreSQL stops for 20 s under load and comes back: the gateway answers 503/1011 meanwhile (never
/// a 500: database errors reach it as exceptions Orleans can carry) and a change of the shard count
/// the original's 403 "retry", no process exits, nothing
/// accepted is lost or reordered, and sends are accepted again within 10 s of the restart.
/// The cluster has a PostgreSQL of its own, since this test stops it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresOutageTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task While_PostgreSQL_is_away_sends_get_503_1011_and_once_it_is_back_they_are_accepted_again_within_10_s_with_nothing_lost()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var cluster = await LocalCluster.CreateAsync(server);
        var (gateway, token, phone) = await MessagePipelineTests.StartAsync(cluster);
        var progress = new LoadProgress();
        var load = MessageLoad.RunAsync(gateway.Http.BaseAddress!, token, MessageLoad.NewRecipients(100), perRecipient: 10_000,
            duration: TimeSpan.FromSeconds(50), rate: 200, progress: progress);
        await Eventually.True(() => Task.FromResult(progress.Accepted >= 1_000), "a thousand sends to be accepted");

        await PostgresServer.StopAsync(server.SocketDirectory);
        var away = Stopwatch.StartNew();
        var changing = cluster.ChangeShardCountAsync(gateway, token, shards: 4);
        // The outage lasts 20 s; meanwhile the gateway must be answering (errors), not hanging.
        await Eventually.True(() => Task.FromResult(away.Elapsed >= Outage && progress.Errors > 0), "20 s of answered errors without the database", Outage * 2);
        using var change = await changing;
        var changeAnswer = await change.Content.ReadAsStringAsync();
        var acceptedBefore = progress.Accepted;
        await using var restarted = await PostgresServer.StartAsync(server.SocketDirectory, server.Port, keep: true);
        var back = Stopwatch.StartNew();
        await Eventually.True(() => Task.FromResult(progress.Accepted > acceptedBefore), "a send to be accepted again", TimeSpan.FromSeconds(10));
        var acceptedAgainAfter = back.Elapsed;

        var result = await load;
        Assert.Equal(["1011"], result.Errors.Keys);
        Assert.True(change.StatusCode == HttpStatusCode.Forbidden, $"a shard change during the outage answered {(int)change.StatusCode}: {changeAnswer}"); // the original's "retry"
        Assert.Contains("\"code\":1011", changeAnswer, StringComparison.Ordinal);
        Assert.True(acceptedAgainAfter < TimeSpan.FromSeconds(10), $"sends were accepted again {acceptedAgainAfter.TotalSeconds:0.0} s after the restart");
        Assert.All(cluster.CoreApps, coreApp => Assert.False(coreApp.HasExited, $"{coreApp.Name} exited:\n{coreApp.Output}"));
        Assert.False(gateway.Process.HasExited);
        await MessagePipelineTests.AssertAllDeliveredInOrderAsync(cluster.Simulator!, phone, result);
    }
}
