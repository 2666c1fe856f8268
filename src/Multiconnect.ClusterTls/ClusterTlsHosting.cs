using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Multiconnect.ClusterTls;

/// <summary>
/// Turns on mutual TLS for a silo or a client from <see cref="ClusterTlsOptions"/>. The certificates
/// are read while the host is being configured, so a missing or wrong file stops the process before
/// it joins anything, with a message naming the setting.
/// </summary>
public static class ClusterTlsHosting
{
    /// <summary>A CoreApp: silo-to-silo connections both ways and the connections of gateways to it.</summary>
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var certificates = Configure(silo.Services, configuration, acceptsConnections: true);
        return certificates is null ? silo : silo.UseTls(certificates.Node, certificates.Apply);
    }

    /// <summary>A gateway: its connections to the CoreApps.</summary>
    public static IClientBuilder UseClusterTls(this IClientBuilder client, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(client);
        var certificates = Configure(client.Services, configuration, acceptsConnections: false);
        return certificates is null ? client : client.UseTls(certificates.Node, certificates.Apply);
    }

    private static ClusterCertificates? Configure(IServiceCollection services, IConfiguration configuration, bool acceptsConnections)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ClusterTlsOptions.Section);
        services.AddOptions<ClusterTlsOptions>().Bind(section);
        var options = section.Get<ClusterTlsOptions>() ?? new ClusterTlsOptions();
        var certificates = options.Enabled ? ClusterCertificates.Load(options, acceptsConnections) : null;
        services.AddHostedService(provider => new ClusterTlsAnnouncement(certificates, provider.GetRequiredService<ILogger<ClusterTlsAnnouncement>>()));
        return certificates;
    }
}
