using Multiconnect.Persistence;

namespace Multiconnect.Tests.Unit.Persistence;

/// <summary>What counts as a failover (multiconnect.failovers): a claim while another node still held the lease.</summary>
public sealed class LeaseTakeoverTests
{
    [Fact]
    public async Task A_claim_names_the_node_that_still_held_the_lease_and_nobody_after_a_release_or_a_first_claim()
    {
        var leases = new InMemoryShardLeaseStore();

        var first = await leases.ClaimAsync(0, "silo-a", "coreapp-a", CancellationToken.None);
        var takeover = await leases.ClaimAsync(0, "silo-b", "coreapp-b", CancellationToken.None);
        await leases.ReleaseAsync(takeover, CancellationToken.None);
        var afterRelease = await leases.ClaimAsync(0, "silo-a", "coreapp-a", CancellationToken.None);
        var again = await leases.ClaimAsync(0, "silo-a", "coreapp-a", CancellationToken.None);

        Assert.Null(first.TakenFrom);
        Assert.Equal("coreapp-a", takeover.TakenFrom);
        Assert.Null(afterRelease.TakenFrom);
        Assert.Null(again.TakenFrom);
        Assert.Equal(4, again.Epoch);
    }
}
