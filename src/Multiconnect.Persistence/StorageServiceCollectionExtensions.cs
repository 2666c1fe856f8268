using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Multiconnect.Persistence;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The one switch between PostgreSQL and development mode. Binds and validates
    /// <see cref="PostgresOptions"/>, then registers every store a process may ask for, all of one kind:
    /// <list type="bullet">
    /// <item>with a connection string, the process's one <see cref="NpgsqlDataSource"/> (pool capped at
    /// MaxPoolSize, application_name = <paramref name="applicationName"/>), the schema migrator, a
    /// migration at start-up if asked, and the PostgreSQL stores, each the one owner of its tables
    /// (docs/data.md lists them);</item>
    /// <item>with InMemory=true, the in-memory stores, and a loud warning that nothing is durable.</item>
    /// </list>
    /// Orleans' own providers (membership, grain state, the shards' directory) follow the same choice
    /// where Orleans is configured, through <see cref="PostgresOptions.IsConfigured"/>. The store of the
    /// shard map's source is left to the silo in development mode (it asks the master grain).
    /// </summary>
    public static PostgresOptions AddMulticonnectStorage(
        this IServiceCollection services, IConfiguration configuration, string applicationName, string serviceId)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(PostgresOptions.Section);
        services.AddOptions<PostgresOptions>().Bind(section)
            .Validate(o => o.MaxPoolSize is >= 2 and <= 100, $"{PostgresOptions.Section}:MaxPoolSize must be between 2 and 100.")
            .Validate(o => o.IsConfigured != o.InMemory,
                $"Set exactly one of {PostgresOptions.Section}:ConnectionString (Multiconnect__Postgres__ConnectionString; it is missing or empty) " +
                $"and {PostgresOptions.Section}:InMemory=true (development only: NOTHING IS DURABLE).")
            .ValidateOnStart();
        var options = section.Get<PostgresOptions>() ?? new PostgresOptions();
        if (options.IsConfigured)
        {
            AddPostgres(services, options, applicationName, serviceId);
        }
        else
        {
            AddInMemory(services);
        }

        return options;
    }

    private static void AddPostgres(IServiceCollection services, PostgresOptions options, string applicationName, string serviceId)
    {
        services.AddSingleton(_ => MulticonnectDataSource.Create(options, applicationName));
        services.AddSingleton<SchemaMigrator>();
        if (options.MigrateAtStartup)
        {
            // Registered before the Orleans hosted services, so the schema exists before the silo joins.
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, MigrateAtStartup>());
        }

        services.AddSingleton(provider => new PostgresMessageLog(provider.GetRequiredService<NpgsqlDataSource>(), serviceId));
        services.AddSingleton<IMessageLog>(provider => provider.GetRequiredService<PostgresMessageLog>());
        services.AddSingleton(provider => new PostgresCallbackStore(provider.GetRequiredService<NpgsqlDataSource>(), serviceId));
        services.AddSingleton<ICallbackStore>(provider => provider.GetRequiredService<PostgresCallbackStore>());
        services.AddSingleton<IWebhookStore>(provider => provider.GetRequiredService<PostgresCallbackStore>());
        services.AddSingleton<IInboundMessages>(provider => provider.GetRequiredService<PostgresCallbackStore>());
        services.AddSingleton(provider => new PostgresShardLeaseStore(provider.GetRequiredService<NpgsqlDataSource>(), serviceId));
        services.AddSingleton<IShardLeaseStore>(provider => provider.GetRequiredService<PostgresShardLeaseStore>());
        services.AddSingleton(provider => new PostgresShardMapStore(provider.GetRequiredService<NpgsqlDataSource>(), serviceId));
        services.AddSingleton<IShardMapStore>(provider => provider.GetRequiredService<PostgresShardMapStore>());
        services.AddSingleton<IShardMapSource>(provider => provider.GetRequiredService<PostgresShardMapStore>());
        services.AddSingleton(provider => new PostgresUserStore(provider.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<IUserStore>(provider => provider.GetRequiredService<PostgresUserStore>());
        services.AddSingleton<IApiTokenStore>(provider => provider.GetRequiredService<PostgresUserStore>());
        services.AddSingleton(provider => new PostgresMediaStore(provider.GetRequiredService<NpgsqlDataSource>(), serviceId));
        services.AddSingleton<IMediaStore>(provider => provider.GetRequiredService<PostgresMediaStore>());
        services.AddSingleton(provider => new PostgresGrainDirectory(provider.GetRequiredService<NpgsqlDataSource>(), serviceId));
    }

    private static void AddInMemory(IServiceCollection services)
    {
        services.AddHostedService<NotDurableWarning>();
        services.AddSingleton<IMessageLog, InMemoryMessageLog>();
        services.AddSingleton<InMemoryCallbackStore>();
        services.AddSingleton<ICallbackStore>(provider => provider.GetRequiredService<InMemoryCallbackStore>());
        services.AddSingleton<IWebhookStore>(provider => provider.GetRequiredService<InMemoryCallbackStore>());
        services.AddSingleton<IInboundMessages>(provider => provider.GetRequiredService<InMemoryCallbackStore>());
        services.AddSingleton<IShardLeaseStore>(InMemoryShardLeaseStore.Shared);
        services.AddSingleton<IShardMapStore>(InMemoryShardMapStore.Shared);
        services.AddSingleton<InMemoryUserStore>();
        services.AddSingleton<IUserStore>(provider => provider.GetRequiredService<InMemoryUserStore>());
        services.AddSingleton<IApiTokenStore>(provider => provider.GetRequiredService<InMemoryUserStore>());
        services.AddSingleton<IMediaStore>(new InMemoryMediaStore(TimeProvider.System));
    }
}
