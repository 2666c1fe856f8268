using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Multiconnect.Management;

public static class ManagementHosting
{
    /// <summary>
    /// When <c>Multiconnect:Management:Port</c> is set, serves the management endpoints there and exports
    /// <paramref name="meters"/> (and the .NET runtime's) for Prometheus, as <paramref name="serviceName"/>
    /// (target_info's service_name).
    /// Readiness is whatever <see cref="IReadinessProbe"/> the process registers; by default, started.
    /// </summary>
    public static IHostApplicationBuilder AddMulticonnectManagement(this IHostApplicationBuilder builder, string serviceName, params string[] meters)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ManagementOptions>()
            .Bind(builder.Configuration.GetSection(ManagementOptions.Section))
            .Validate(o => o.Port is >= 0 and <= 65535, $"{ManagementOptions.Section}:Port must be a TCP port (1-65535), or 0 for none.")
            .Validate(o => o.Address.Length == 0 || System.Net.IPAddress.TryParse(o.Address, out _), $"{ManagementOptions.Section}:Address must be an IP address such as 127.0.0.1, or empty for every interface.")
            .ValidateOnStart();
        if (builder.Configuration.GetSection(ManagementOptions.Section).Get<ManagementOptions>() is not { Port: > 0 })
        {
            return builder;
        }

        builder.Services.TryAddSingleton<IReadinessProbe, HostStartedProbe>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .ConfigureResource(resource => resource.AddService(serviceName))
            .AddMeter(["System.Runtime", .. meters])
            .AddPrometheusExporter());
        builder.Services.AddHostedService<ManagementServer>();
        return builder;
    }
}
