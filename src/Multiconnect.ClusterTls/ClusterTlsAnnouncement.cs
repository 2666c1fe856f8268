using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Multiconnect.ClusterTls;

/// <summary>Says at start-up whether the Orleans connections are encrypted, and with which certificate until when.</summary>
internal sealed partial class ClusterTlsAnnouncement(ClusterCertificates? certificates, ILogger<ClusterTlsAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (certificates is null)
        {
            LogPlaintext(logger, ClusterTlsOptions.Section);
            return Task.CompletedTask;
        }

        // Once, at start-up: worth computing whether or not the line is written.
        var node = certificates.Node;
        var notAfter = node.NotAfter.ToUniversalTime();
        var authorities = string.Join("; ", certificates.Authorities.Select(a => a.Subject));
        LogMutualTls(logger, node.Subject, notAfter, authorities);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Orleans connections are plaintext ({Section}:Enabled is false): anyone who reaches the silo and client ports can join or call the cluster.")]
    private static partial void LogPlaintext(ILogger logger, string section);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Orleans connections use mutual TLS: this node presents '{Subject}' (valid until {NotAfter:u}) and accepts only peers whose certificates chain to {Authorities}.")]
    private static partial void LogMutualTls(ILogger logger, string subject, DateTime notAfter, string authorities);
}
