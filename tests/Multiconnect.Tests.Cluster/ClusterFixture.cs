using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Multiconnect.Grains;
using Multiconnect.Grains.Placement;
using Multiconnect.Persistence;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;

namespace Multiconnect.Tests.Cluster;

/// <summary>
/// An in-process two-silo cluster with in-memory storage. Each test collection gets its own cluster,
/// with its own shard map, leases and directory, so that no test sees the map another test changed.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new TestClusterBuilder(2).AddSiloBuilderConfigurator<SiloConfigurator>().Build();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>What the silos of one cluster share in place of the database.</summary>
    private sealed record Shared(InMemoryShardLeaseStore Leases, InMemoryShardMapStore Maps, InProcessGrainDirectory Directory)
    {
        private static readonly ConcurrentDictionary<string, Shared> ByCluster = new();

        public static Shared Of(IServiceProvider services) =>
            ByCluster.GetOrAdd(services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId, _ => new(new(), new(), new()));
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(StorageNames.Cluster);
            siloBuilder.AddGrainDirectory(ShardDirectory.Name, (services, _) => Shared.Of(services).Directory);
            siloBuilder.Services.AddSingleton<IShardLeaseStore>(services => Shared.Of(services).Leases);
            siloBuilder.Services.AddSingleton<IShardMapStore>(services => Shared.Of(services).Maps);
            siloBuilder.Services.AddSingleton<IShardMapSource, MasterShardMapSource>();
            siloBuilder.Services.AddSingleton<IMessageLog, InMemoryMessageLog>();
            siloBuilder.Services.AddSingleton<ICallbackStore, InMemoryCallbackStore>();
            siloBuilder.Services.AddOptions<Multiconnect.Grains.Messaging.ShardOptions>();
            siloBuilder.Services.AddPlacementDirector<ShardPlacementStrategy, ShardPlacementDirector>();
            siloBuilder.Services.AddPlacementDirector<MasterPlacementStrategy, MasterPlacementDirector>();
            siloBuilder.Services.AddSingleton(new Multiconnect.Upstream.Client.UpstreamAccounts(new HttpClient())); // no upstream here: never called
            siloBuilder.Services.AddSingleton(new Multiconnect.Upstream.Client.UpstreamMedia(new HttpClient())); // nor here
            siloBuilder.Services.AddSingleton<IMediaStore>(new InMemoryMediaStore(TimeProvider.System));
            siloBuilder.Services.AddSingleton<AccountCheck>();
            siloBuilder.Services.AddMetrics();
            siloBuilder.Services.AddSingleton<Multiconnect.Grains.Telemetry.ShardMetrics>();
        }
    }
}

/// <summary>The tests that walk the shard map through its life, from a fresh map.</summary>
[CollectionDefinition(Name)]
public sealed class ShardMapCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "shard map";
}

/// <summary>The tests of shard activations, on a cluster whose map they set to eight shards.</summary>
[CollectionDefinition(Name)]
public sealed class ShardCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "shards";
}
