using System.Text.Json;
using Microsoft.Extensions.Options;
using Multiconnect.Management;
using Multiconnect.Simulator.Admin;
using Multiconnect.Simulator.Authority;
using Multiconnect.Simulator.Faults;
using Multiconnect.Simulator.Media;
using Multiconnect.Simulator.Numbers;
using Multiconnect.Simulator.Sessions;
using Multiconnect.Simulator.Traffic;
using Multiconnect.Upstream;

namespace Multiconnect.Simulator;

public static class SimulatorHosting
{
    /// <summary>Runs the simulator until it is stopped; 2 when its configuration is not valid.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddMulticonnectSimulator();
        await using var app = builder.Build();
        try
        {
            app.UseMulticonnectSimulator();
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"The simulator's configuration is not valid:\n  {string.Join("\n  ", e.Failures)}");
            return 2;
        }

        await app.RunAsync();
        return 0;
    }

    public static WebApplicationBuilder AddMulticonnectSimulator(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<SimulatorOptions>()
            .Bind(configuration.GetSection(SimulatorOptions.Section))
            .PostConfigure(o => o.AdminToken = configuration[SimulatorOptions.AdminTokenVariable] is { Length: > 0 } fromEnvironment ? fromEnvironment : o.AdminToken)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DictionaryKeyPolicy = null;
        });
        services.AddSingleton(new SimulatorClock(TimeProvider.System));
        services.AddSingleton<TimeProvider>(provider => provider.GetRequiredService<SimulatorClock>());
        services.AddSingleton<BusinessNumbers>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<AdminTokenFilter>();
        services.AddSingleton(provider => CertificateAuthority.Open(provider.GetRequiredService<IOptions<SimulatorOptions>>().Value.CaKeyPath));
        services.AddSingleton<ReceiptScheduler>();
        services.AddSingleton<UpstreamServer>();
        services.AddSingleton<MediaHost>();
        services.AddHostedService(provider => provider.GetRequiredService<ReceiptScheduler>());
        services.AddHostedService<InboundUsers>();
        services.AddHostedService<SessionSweeper>();
        builder.AddMulticonnectManagement("multiconnect-simulator");
        return builder;
    }

    public static WebApplication UseMulticonnectSimulator(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        var authority = app.Services.GetRequiredService<CertificateAuthority>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SimulatorHosting).FullName!);
        logger.CertificateAuthorityReady(authority.KeyId, authority.Created ? "created at" : "loaded from", authority.KeyPath);
        logger.Ready(UpstreamProtocol.Path, options.SessionMessagesPerSecond, options.Inbound.MessagesPerSecond);

        app.UseWebSockets();
        app.MapUpstreamEndpoint();
        app.MapAccountCheckEndpoint();
        app.MapMediaEndpoint();
        app.MapAdminApi();
        return app;
    }
}
