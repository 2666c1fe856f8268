using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Multiconnect.Persistence;

public static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="PostgresOptions"/>. When a connection string is configured,
    /// registers the process's one <see cref="NpgsqlDataSource"/> (pool capped at MaxPoolSize,
    /// application_name = <paramref name="applicationName"/>), the schema migrator and, if asked,
    /// a migration at start-up.
    /// </summary>
    public static PostgresOptions AddMulticonnectPostgres(
        this IServiceCollection services, IConfiguration configuration, string applicationName)
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
        if (!options.IsConfigured)
        {
            services.AddHostedService<NotDurableWarning>();
            return options;
        }

        services.AddSingleton(_ => MulticonnectDataSource.Create(options, applicationName));
        services.AddSingleton<SchemaMigrator>();
        if (options.MigrateAtStartup)
        {
            // Registered before the Orleans hosted services, so the schema exists before the silo joins.
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, MigrateAtStartup>());
        }

        return options;
    }
}
