using Multiconnect.Persistence;
using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration;

/// <summary>The message log on PostgreSQL: a gateway's retry of a send carries the same id, in the same batch or a later one.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MessageLogTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_retried_message_is_stored_once_whether_it_shares_a_batch_with_its_first_try_or_comes_later()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var lease = await new PostgresShardLeaseStore(cluster.Database, "test").ClaimAsync(0, "silo-a", "a", CancellationToken.None);
        var log = new PostgresMessageLog(cluster.Database, "test");
        var first = new PendingMessage("wamid.retried", "16315550001", "seq=1 hello");
        var second = new PendingMessage("wamid.other", "16315550001", "seq=2 hello");

        Assert.Equal([first, second], await log.AppendAsync(0, lease.Epoch, [first, second, first], CancellationToken.None));
        Assert.Empty((await log.AppendAsync(0, lease.Epoch, [first], CancellationToken.None))!);
        Assert.Equal([first, second], await log.PendingAsync(0, CancellationToken.None));
    }
}
