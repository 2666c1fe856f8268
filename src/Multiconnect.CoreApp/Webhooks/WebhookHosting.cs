using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Multiconnect.CoreApp.Retention;
using Multiconnect.Persistence;
using Npgsql;

namespace Multiconnect.CoreApp.Webhooks;

public static class WebhookHosting
{
    /// <summary>
    /// The webhook dispatcher (<see cref="WebhookOptions"/>) and, run by the same role holder, the
    /// retention pruner (<see cref="RetentionOptions"/>), when PostgreSQL is configured: development mode
    /// keeps no outbox, so it has nothing to deliver, and no tables to prune.
    /// </summary>
    public static IServiceCollection AddWebhookDispatcher(
        this IServiceCollection services, IConfiguration configuration, PostgresOptions postgres, string serviceId, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        if (!postgres.IsConfigured)
        {
            return services;
        }

        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddSingleton(provider => new WebhookSender(provider.GetRequiredService<IOptions<WebhookOptions>>(), nodeName));
        services.AddSingleton<WebhookMetrics>();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddSingleton<RetentionMetrics>();
        services.AddSingleton(provider => new RetentionPruner(
            provider.GetRequiredService<PostgresCallbackStore>(),
            provider.GetRequiredService<PostgresMessageLog>(),
            provider.GetRequiredService<PostgresShardLeaseStore>(),
            provider.GetRequiredService<PostgresMediaStore>(),
            provider.GetRequiredService<IOptions<RetentionOptions>>(),
            provider.GetRequiredService<IOptions<WebhookOptions>>(),
            provider.GetRequiredService<RetentionMetrics>(),
            provider.GetRequiredService<WebhookMetrics>(),
            provider.GetRequiredService<ILogger<RetentionPruner>>()));
        services.AddHostedService(provider => new WebhookDispatcher(
            provider.GetRequiredService<NpgsqlDataSource>(),
            provider.GetRequiredService<PostgresCallbackStore>(),
            provider.GetRequiredService<WebhookSender>(),
            provider.GetRequiredService<IOptions<WebhookOptions>>(),
            provider.GetRequiredService<WebhookMetrics>(),
            provider.GetRequiredService<RetentionPruner>(),
            serviceId,
            provider.GetRequiredService<ILogger<WebhookDispatcher>>()));
        return services;
    }
}
