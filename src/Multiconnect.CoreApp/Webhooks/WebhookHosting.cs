using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Multiconnect.Persistence;
using Npgsql;

namespace Multiconnect.CoreApp.Webhooks;

public static class WebhookHosting
{
    /// <summary>
    /// The webhook dispatcher (<see cref="WebhookOptions"/>), when PostgreSQL is configured: development
    /// mode keeps no outbox, so it has nothing to deliver.
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
        services.AddHostedService(provider => new WebhookDispatcher(
            provider.GetRequiredService<NpgsqlDataSource>(),
            provider.GetRequiredService<WebhookSender>(),
            provider.GetRequiredService<IOptions<WebhookOptions>>(),
            provider.GetRequiredService<WebhookMetrics>(),
            serviceId,
            provider.GetRequiredService<ILogger<WebhookDispatcher>>()));
        return services;
    }
}
