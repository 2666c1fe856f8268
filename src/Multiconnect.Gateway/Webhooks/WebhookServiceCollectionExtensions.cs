using Multiconnect.Persistence;
using Npgsql;

namespace Multiconnect.Gateway.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>The application settings and the webhook backlog: in PostgreSQL when it is configured, else in this process.</summary>
    public static IServiceCollection AddWebhookStore(this IServiceCollection services, PostgresOptions postgres, string serviceId)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        return postgres.IsConfigured
            ? services.AddSingleton<IWebhookStore>(provider => new PostgresWebhookStore(provider.GetRequiredService<NpgsqlDataSource>(), serviceId))
            : services.AddSingleton<IWebhookStore, InMemoryWebhookStore>();
    }
}
