using Multiconnect.Persistence;
using Multiconnect.Tests.Integration.Infrastructure;
using Orleans.Runtime;

namespace Multiconnect.Tests.Integration;

/// <summary>The two tables that decide who owns a shard, against a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OwnershipStoreTests(PostgresFixture postgres)
{
    private static readonly SiloAddress SiloA = SiloAddress.FromParsableString("10.0.0.1:11111@1");
    private static readonly SiloAddress SiloB = SiloAddress.FromParsableString("10.0.0.2:11111@1");

    [Fact]
    public async Task Claiming_a_lease_bumps_the_epoch_and_fences_out_the_previous_holder()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var leases = new PostgresShardLeaseStore(cluster.Database, "test");

        var first = await leases.ClaimAsync(3, "silo-a", "a", CancellationToken.None);
        Assert.True(await leases.RenewAsync(first, CancellationToken.None));
        var second = await leases.ClaimAsync(3, "silo-b", "b", CancellationToken.None);

        Assert.Equal(first.Epoch + 1, second.Epoch);
        Assert.False(await leases.RenewAsync(first, CancellationToken.None));
        Assert.True(await leases.RenewAsync(second, CancellationToken.None));
        var refusal = Assert.Single(await cluster.FenceEventsAsync());
        Assert.Equal((3, first.Epoch, "silo-a"), refusal);

        // A stale holder's release does not free the newer lease.
        await leases.ReleaseAsync(first, CancellationToken.None);
        Assert.Equal("silo-b", Assert.Single(await leases.ListAsync(CancellationToken.None)).OwnerSilo);
        await leases.ReleaseAsync(second, CancellationToken.None);
        Assert.Empty(await leases.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_claim_names_the_node_that_still_held_the_lease_and_nobody_after_a_release()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var leases = new PostgresShardLeaseStore(cluster.Database, "test");

        var first = await leases.ClaimAsync(3, "silo-a", "a", CancellationToken.None);
        var takeover = await leases.ClaimAsync(3, "silo-b", "b", CancellationToken.None);
        var sameSilo = await leases.ClaimAsync(3, "silo-b", "b", CancellationToken.None);
        await leases.ReleaseAsync(sameSilo, CancellationToken.None);
        var afterRelease = await leases.ClaimAsync(3, "silo-a", "a", CancellationToken.None);

        Assert.Null(first.TakenFrom);
        Assert.Equal("a", takeover.TakenFrom);
        Assert.Null(sameSilo.TakenFrom);
        Assert.Null(afterRelease.TakenFrom);
    }

    [Fact]
    public async Task The_grain_directory_keeps_one_activation_per_grain()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var directory = new PostgresGrainDirectory(cluster.Database, "test");
        var grain = GrainId.Create("shard", "0");
        var first = Address(grain, SiloA);
        var second = Address(grain, SiloB);

        Assert.Equal(first, await directory.Register(first, previousAddress: null));
        Assert.Equal(first, await directory.Register(second, previousAddress: null));
        Assert.Equal(first, await directory.Lookup(grain));

        await directory.Unregister(second);
        Assert.Equal(first, await directory.Lookup(grain));

        Assert.Equal(second, await directory.Register(second, previousAddress: first));
        await directory.UnregisterSilos([SiloB]);
        Assert.Null(await directory.Lookup(grain));
    }

    private static GrainAddress Address(GrainId grain, SiloAddress silo) =>
        new() { GrainId = grain, SiloAddress = silo, ActivationId = ActivationId.NewId(), MembershipVersion = new MembershipVersion(7) };
}
