using Microsoft.Extensions.DependencyInjection;
using Multiconnect.Grains;
using Multiconnect.Grains.Placement;
using Multiconnect.Persistence;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;

namespace Multiconnect.Tests.Cluster;

/// <summary>An in-process two-silo cluster with in-memory storage, shared by the grain tests.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new TestClusterBuilder(2).AddSiloBuilderConfigurator<SiloConfigurator>().Build();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private static readonly InProcessGrainDirectory Directory = new();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(StorageNames.Cluster);
            siloBuilder.AddGrainDirectory(ShardDirectory.Name, (_, _) => Directory);
            siloBuilder.Services.AddSingleton<IShardLeaseStore>(InMemoryShardLeaseStore.Shared);
            siloBuilder.Services.AddSingleton<IShardMapStore>(InMemoryShardMapStore.Shared);
            siloBuilder.Services.AddSingleton<IShardMapSource, MasterShardMapSource>();
            siloBuilder.Services.AddSingleton<IMessageLog, InMemoryMessageLog>();
            siloBuilder.Services.AddSingleton<ICallbackStore, InMemoryCallbackStore>();
            siloBuilder.Services.AddOptions<Multiconnect.Grains.Messaging.ShardOptions>();
            siloBuilder.Services.AddPlacementDirector<ShardPlacementStrategy, ShardPlacementDirector>();
            siloBuilder.Services.AddPlacementDirector<MasterPlacementStrategy, MasterPlacementDirector>();
            siloBuilder.Services.AddSingleton(new Multiconnect.Upstream.Client.UpstreamAccounts(new HttpClient())); // no upstream here: never called
            siloBuilder.Services.AddSingleton<AccountCheck>();
            siloBuilder.Services.AddMetrics();
            siloBuilder.Services.AddSingleton<Multiconnect.Grains.Telemetry.ShardMetrics>();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
