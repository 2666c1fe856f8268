using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Multiconnect.ClusterTls;
using Multiconnect.Contracts.Telemetry;
using Multiconnect.CoreApp.Webhooks;
using Multiconnect.Grains;
using Multiconnect.Grains.Messaging;
using Multiconnect.Grains.Placement;
using Multiconnect.Grains.Telemetry;
using Multiconnect.Management;
using Multiconnect.Persistence;
using Multiconnect.Upstream.Client;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;

namespace Multiconnect.CoreApp;

public static class CoreAppHosting
{
    /// <summary>Configures this process as a CoreApp: an Orleans silo that hosts shard grains.</summary>
    public static HostApplicationBuilder AddMulticonnectCoreApp(this HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var coreApp = configuration.GetSection(CoreAppOptions.Section).Get<CoreAppOptions>() ?? new CoreAppOptions();
        var cluster = configuration.GetSection(ClusterIdentityOptions.Section).Get<ClusterIdentityOptions>() ?? new ClusterIdentityOptions();
        var applicationName = $"multiconnect-{coreApp.Name}";
        var postgres = builder.Services.AddMulticonnectStorage(configuration, applicationName, cluster.ServiceId);

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
            silo.Configure<SiloOptions>(o => o.SiloName = coreApp.Name);
            silo.Configure<ClusterMembershipOptions>(FailureDetection.Apply);
            // Every silo sends its load statistics to every other silo, by default each second: N² messages a
            // second, read only by load-based placement, which shards and the master do not use. Measured on 16
            // idle CoreApps: 13 % of their CPU (docs/benchmarks.md, "What an idle CoreApp spends").
            silo.Configure<DeploymentLoadPublisherOptions>(o => o.DeploymentLoadPublisherRefreshTime = TimeSpan.FromSeconds(30));
            silo.UseClusterTls(configuration);
            if (postgres.IsConfigured)
            {
                if (string.IsNullOrWhiteSpace(coreApp.AdvertisedAddress))
                {
                    silo.ConfigureEndpoints(coreApp.SiloPort, coreApp.GatewayPort, listenOnAnyHostAddress: true);
                }
                else
                {
                    // Advertised on loopback (./mc, the tests), it listens there only: nothing off this machine reaches the silo.
                    var advertised = IPAddress.Parse(coreApp.AdvertisedAddress);
                    silo.ConfigureEndpoints(advertised, coreApp.SiloPort, coreApp.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
                }

                silo.UseAdoNetClustering(options => options.Configure<NpgsqlDataSource>(
                    (o, dataSource) => (o.Invariant, o.DataSource) = (MulticonnectDataSource.Invariant, dataSource)));
                silo.AddAdoNetGrainStorage(StorageNames.Cluster, options => options.Configure<NpgsqlDataSource>(
                    (o, dataSource) => (o.Invariant, o.DataSource) = (MulticonnectDataSource.Invariant, dataSource)));
                silo.AddGrainDirectory(ShardDirectory.Name, (services, _) => services.GetRequiredService<PostgresGrainDirectory>());
            }
            else
            {
                silo.UseLocalhostClustering(
                    coreApp.SiloPort,
                    coreApp.GatewayPort,
                    new IPEndPoint(IPAddress.Loopback, coreApp.PrimarySiloPort),
                    cluster.ServiceId,
                    cluster.ClusterId);
                silo.AddMemoryGrainStorage(StorageNames.Cluster);
#pragma warning disable ORLEANSEXP003 // Development mode only: Orleans' own directory for shards.
                silo.AddDistributedGrainDirectory(ShardDirectory.Name);
#pragma warning restore ORLEANSEXP003
                // No shared table to read the shard map from: shards ask the master grain.
                silo.Services.AddSingleton<IShardMapSource, MasterShardMapSource>();
            }

            silo.AddIncomingGrainCallFilter<StorageErrors>();
            silo.Services.AddPlacementDirector<ShardPlacementStrategy, ShardPlacementDirector>();
            silo.Services.AddPlacementDirector<MasterPlacementStrategy, MasterPlacementDirector>();
            silo.Services.AddOptions<ShardOptions>()
                .Bind(configuration.GetSection(ShardOptions.Section))
                .Validate(o => o.Window is > 0 and <= 10_000, $"{ShardOptions.Section}:Window must be between 1 and 10000.")
                .Validate(o => o.MaxBacklog > 0 && o.MaxBatch > 0, $"{ShardOptions.Section}:MaxBacklog and MaxBatch must be positive.")
                .Validate(o => o.StoreEventsFor > TimeSpan.Zero, $"{ShardOptions.Section}:StoreEventsFor must be positive.")
                .Validate(o => o.UpstreamUrl is null || o.UpstreamUrl.IsAbsoluteUri, $"{ShardOptions.Section}:UpstreamUrl must be an absolute URL such as http://127.0.0.1:8090.")
                .ValidateOnStart();
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddSingleton<ShardMetrics>();
            silo.Services.AddSingleton(new UpstreamAccounts(new HttpClient { Timeout = TimeSpan.FromSeconds(5) }));
            silo.Services.AddSingleton(new UpstreamMedia(new HttpClient { Timeout = TimeSpan.FromMinutes(10) })); // a file of 100 MB
            silo.Services.AddSingleton<AccountCheck>();

            // Every silo collects for the Orleans Dashboard; the gateways serve it under /dashboard.
            silo.AddDashboard();
        });
        builder.Services.AddSingleton<IReadinessProbe, SiloReadiness>();
        builder.AddMulticonnectManagement("multiconnect-coreapp", MulticonnectMeter.Name, "Microsoft.Orleans", "Npgsql");
        builder.Services.AddHostedService<ShardKeeper>();
        builder.Services.AddWebhookDispatcher(configuration, postgres, cluster.ServiceId, coreApp.Name);
        return builder;
    }
}
