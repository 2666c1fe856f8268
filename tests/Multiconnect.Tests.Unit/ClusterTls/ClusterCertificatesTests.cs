using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Multiconnect.ClusterTls;

namespace Multiconnect.Tests.Unit.ClusterTls;

/// <summary>What a node reads at start-up with TLS on, and how it says what is wrong.</summary>
public sealed class ClusterCertificatesTests : IDisposable
{
    private static readonly TimeSpan Year = TimeSpan.FromDays(365);

    private readonly string _directory = Directory.CreateTempSubdirectory("mc-tls-unit-").FullName;
    private readonly ClusterAuthority _cluster = ClusterAuthority.Create("Cluster CA", Year);

    [Fact]
    public void Disabled_needs_no_files_at_all()
    {
        Assert.True(new ClusterTlsOptionsValidator().Validate(null, new ClusterTlsOptions()).Succeeded);
    }

    [Fact]
    public void A_PEM_certificate_and_key_signed_by_the_configured_CA_are_read_with_the_key()
    {
        var options = Pem(_cluster.IssueNode("node", Year));

        var certificates = ClusterCertificates.Load(options, acceptsConnections: true);

        Assert.True(certificates.Node.HasPrivateKey);
        Assert.Equal("CN=node", certificates.Node.Subject);
        Assert.Equal(_cluster.Certificate.Thumbprint, Assert.Single(certificates.Authorities).Thumbprint);
    }

    [Fact]
    public void A_PFX_with_its_password_is_read_too()
    {
        using var node = _cluster.IssueNode("node", Year);
        var pfx = Path.Combine(_directory, "node.pfx");
        File.WriteAllBytes(pfx, node.Export(X509ContentType.Pkcs12, "secret"));
        var options = new ClusterTlsOptions { Enabled = true, PfxPath = pfx, PfxPassword = "secret", CaPath = WriteCa() };

        Assert.True(ClusterCertificates.Load(options, acceptsConnections: true).Node.HasPrivateKey);
    }

    [Fact]
    public void Missing_files_stop_the_start_naming_each_setting_and_path()
    {
        var options = new ClusterTlsOptions
        {
            Enabled = true,
            CertificatePath = Path.Combine(_directory, "no-tls.crt"),
            KeyPath = Path.Combine(_directory, "no-tls.key"),
            CaPath = Path.Combine(_directory, "no-ca.crt"),
        };

        var error = Assert.Throws<OptionsValidationException>(() => ClusterCertificates.Load(options, acceptsConnections: true));

        Assert.Equal(3, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("Multiconnect:ClusterTls:CertificatePath", StringComparison.Ordinal) && f.Contains(options.CertificatePath, StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Multiconnect:ClusterTls:KeyPath", StringComparison.Ordinal) && f.Contains(options.KeyPath, StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Multiconnect:ClusterTls:CaPath", StringComparison.Ordinal) && f.Contains(options.CaPath, StringComparison.Ordinal));
    }

    [Fact]
    public void Enabled_without_a_certificate_or_a_CA_is_refused()
    {
        var result = new ClusterTlsOptionsValidator().Validate(null, new ClusterTlsOptions { Enabled = true });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures, f => f.Contains("CertificatePath (and KeyPath) or PfxPath", StringComparison.Ordinal));
        Assert.Contains(result.Failures, f => f.Contains("Multiconnect:ClusterTls:CaPath", StringComparison.Ordinal));
    }

    [Fact]
    public void A_node_certificate_from_another_CA_than_the_configured_one_stops_the_start()
    {
        using var other = ClusterAuthority.Create("Other CA", Year);
        var options = Pem(other.IssueNode("node", Year));

        var error = Assert.Throws<InvalidOperationException>(() => ClusterCertificates.Load(options, acceptsConnections: false));

        Assert.Contains("would be refused by its peers", error.Message, StringComparison.Ordinal);
        Assert.Contains("CN=Other CA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_does_not_belong_to_the_certificate_stops_the_start()
    {
        var options = Pem(_cluster.IssueNode("node", Year));
        using var another = _cluster.IssueNode("another", Year);
        File.WriteAllText(options.KeyPath!, another.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

        var error = Assert.Throws<InvalidOperationException>(() => ClusterCertificates.Load(options, acceptsConnections: true));

        Assert.Contains("Multiconnect:ClusterTls:CertificatePath", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _cluster.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private ClusterTlsOptions Pem(X509Certificate2 node)
    {
        using (node)
        {
            var certificate = Path.Combine(_directory, "tls.crt");
            var key = Path.Combine(_directory, "tls.key");
            File.WriteAllText(certificate, node.ExportCertificatePem());
            File.WriteAllText(key, node.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            return new ClusterTlsOptions { Enabled = true, CertificatePath = certificate, KeyPath = key, CaPath = WriteCa() };
        }
    }

    private string WriteCa()
    {
        var path = Path.Combine(_directory, "ca.crt");
        File.WriteAllText(path, _cluster.Certificate.ExportCertificatePem());
        return path;
    }
}
