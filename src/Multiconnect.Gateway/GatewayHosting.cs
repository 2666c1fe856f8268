using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Multiconnect.ClusterTls;
using Multiconnect.Contracts.Telemetry;
using Multiconnect.Gateway.Apis;
using Multiconnect.Gateway.Auth;
using Multiconnect.Gateway.Cluster;
using Multiconnect.Gateway.Errors;
using Multiconnect.Gateway.Limits;
using Multiconnect.Gateway.Metrics;
using Multiconnect.Management;
using Multiconnect.Persistence;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Multiconnect.Gateway;

public static class GatewayHosting
{
    /// <summary>Configures this process as a gateway: the HTTP API, and an Orleans client of the CoreApps.</summary>
    public static WebApplicationBuilder AddMulticonnectGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var gateway = configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        var cluster = configuration.GetSection(ClusterIdentityOptions.Section).Get<ClusterIdentityOptions>() ?? new ClusterIdentityOptions();
        var postgres = builder.Services.AddMulticonnectStorage(configuration, $"multiconnect-{gateway.Name}", cluster.ServiceId);

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = gateway.MaxRequestBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(gateway));
        builder.Services.AddSingleton<ShardCaller>();
        builder.Services.AddSingleton<GatewayConnectionLoss>();
        builder.Services.AddSingleton<ClusterView>();
        builder.Services.AddSingleton(services =>
        {
            var view = services.GetRequiredService<ClusterView>();
            return new ShardMapCache(
                () => view.ReadMapAsync(CancellationToken.None),
                services.GetRequiredService<TimeProvider>(),
                gateway.ShardMapRefresh,
                services.GetRequiredService<ILogger<ShardMapCache>>());
        });
        builder.Services.AddSingleton<ApiMetrics>();
        builder.Services.AddRequestRateLimits(gateway.RateLimits.Problem() is { } problem
            ? throw new InvalidOperationException($"{GatewayOptions.Section}:{problem}")
            : gateway.RateLimits);
        builder.Services.AddSingleton<IReadinessProbe, ClusterReadiness>();
        builder.AddMulticonnectManagement("multiconnect-gateway", MulticonnectMeter.Name, "Microsoft.Orleans", "Npgsql");
        AddAuth(builder.Services, configuration);

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
            if (postgres.IsConfigured)
            {
                client.UseAdoNetClustering(options => options.Configure<NpgsqlDataSource>(
                    (o, dataSource) => (o.Invariant, o.DataSource) = (MulticonnectDataSource.Invariant, dataSource)));
            }
            else
            {
                client.UseStaticClustering([.. gateway.DevelopmentGatewayPorts.Select(port => new IPEndPoint(IPAddress.Loopback, port))]);
            }

            client.UseClusterTls(configuration);
            client.UseConnectionRetryFilter<RetryUntilStopped>();
            client.AddGatewayCountChangedHandler(services => services.GetRequiredService<GatewayConnectionLoss>().OnGatewayCountChanged);

            // Re-read the list of live CoreApps every second: a hung CoreApp keeps its connections
            // open, so only the membership table tells the gateway to stop sending through it.
            client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));

            // Calls are abandoned after their attempt timeout (ShardCaller); Orleans forgets them soon after.
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));

            // The dashboard's log stream would show only this gateway's logs: hidden.
            client.AddDashboard(o => o.HideTrace = true);
        });
        return builder;
    }

    public static WebApplication UseMulticonnectGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRouting();
        app.UseApiMetrics();
        app.UseApiErrors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapUsersApi();
        app.MapAccountApi();
        app.MapMessagesApi();
        app.MapContactsApi();
        app.MapMediaApi();
        app.MapHealthApi();
        app.MapShardsApi();
        app.MapSettingsApi();
        app.MapMetricsApi();
        app.MapStatsApi();
        app.MapOrleansDashboard(DashboardPath).RequireAuthorization(AuthSchemes.DashboardPolicy).CheckSiloAddresses();
        return app;
    }

    public const string DashboardPath = "/dashboard";

    private static void AddAuth(IServiceCollection services, ConfigurationManager configuration)
    {
        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.Section))
            .PostConfigure(o => o.AdminPassword = configuration[AuthOptions.AdminPasswordVariable] is { Length: > 0 } fromEnvironment ? fromEnvironment : o.AdminPassword)
            .Validate(o => o.AdminPassword is { Length: >= AuthOptions.MinimumPasswordLength },
                $"No admin password is configured, or it is shorter than {AuthOptions.MinimumPasswordLength} characters: " +
                $"set {AuthOptions.AdminPasswordVariable} (or {AuthOptions.Section}:AdminPassword). There is no default password.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.AdminUser), $"{AuthOptions.Section}:AdminUser must not be empty.")
            .Validate(o => o.TokenLifetime > TimeSpan.Zero, $"{AuthOptions.Section}:TokenLifetime must be positive.")
            .Validate(o => o.FailedLoginLimit >= 1 && o.FailedLoginWindow >= TimeSpan.FromMilliseconds(o.FailedLoginLimit),
                $"{AuthOptions.Section}:FailedLoginLimit must be at least 1 and FailedLoginWindow at least a millisecond per allowed failure.")
            .Validate(o => o.PasswordHashConcurrency >= 1 && o.PasswordHashQueue >= 0,
                $"{AuthOptions.Section}:PasswordHashConcurrency must be at least 1 and PasswordHashQueue not negative.")
            .ValidateOnStart();
        services.AddSingleton<PasswordHashing>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<TokenLookup>();
        services.AddSingleton<TokenIssuer>();
        services.AddAuthentication(AuthSchemes.Bearer)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(AuthSchemes.Bearer, null)
            .AddScheme<AuthenticationSchemeOptions, BasicCredentialsHandler>(AuthSchemes.Basic, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(AuthSchemes.Bearer).RequireAuthenticatedUser().Build())
            .AddPolicy(AuthSchemes.AdminPolicy, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.Bearer)
                .RequireRole(Roles.Admin))
            .AddPolicy(AuthSchemes.DashboardPolicy, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.Bearer, AuthSchemes.Basic)
                .RequireRole(Roles.Admin));
    }
}
