using System.Security.Cryptography.X509Certificates;
using Multiconnect.ClusterTls;

namespace Multiconnect.Harness;

/// <summary>
/// A cluster CA and one node certificate in a directory, in the shape of a cert-manager Secret
/// (ca.crt, tls.crt, tls.key) plus the CA's key (ca.key) to issue again: made once, then reused.
/// Every CoreApp and gateway of a local cluster presents the same node certificate. The directory
/// and its files are readable only by their owner.
/// </summary>
public sealed class ClusterTlsFiles
{
    private static readonly TimeSpan CaValidity = TimeSpan.FromDays(3650);
    private static readonly TimeSpan NodeValidity = TimeSpan.FromDays(365);

    /// <summary>A node certificate closer than this to its end is issued again by the same CA.</summary>
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private ClusterTlsFiles(string directory) => Directory = directory;

    public string Directory { get; }

    public string CaPath => Path.Combine(Directory, "ca.crt");

    public string CaKeyPath => Path.Combine(Directory, "ca.key");

    public string CertificatePath => Path.Combine(Directory, "tls.crt");

    public string KeyPath => Path.Combine(Directory, "tls.key");

    /// <summary>The settings that turn mutual TLS on with these files, as environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["Multiconnect__ClusterTls__Enabled"] = "true",
        ["Multiconnect__ClusterTls__CertificatePath"] = CertificatePath,
        ["Multiconnect__ClusterTls__KeyPath"] = KeyPath,
        ["Multiconnect__ClusterTls__CaPath"] = CaPath,
    };

    /// <summary>
    /// The files in <paramref name="directory"/>: a new CA named <paramref name="caName"/> when there is
    /// none, and a new node certificate when there is none or it ends within 30 days.
    /// </summary>
    public static ClusterTlsFiles ReadOrCreate(string directory, string caName = "Multiconnect local cluster CA")
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The key files are kept readable only by their owner with Unix file modes.");
        }

        var files = new ClusterTlsFiles(Path.GetFullPath(directory));
        System.IO.Directory.CreateDirectory(files.Directory);
        File.SetUnixFileMode(files.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var authority = File.Exists(files.CaPath) && File.Exists(files.CaKeyPath)
            ? ClusterAuthority.Load(files.CaPath, files.CaKeyPath)
            : files.WriteAuthority(caName);
        if (!File.Exists(files.CertificatePath) || !File.Exists(files.KeyPath) || EndsSoon(files.CertificatePath))
        {
            using var node = authority.IssueNode("multiconnect-node", NodeValidity);
            WriteOwnerOnly(files.KeyPath, node.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
            WriteOwnerOnly(files.CertificatePath, node.ExportCertificatePem() + "\n");
        }

        return files;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private ClusterAuthority WriteAuthority(string caName)
    {
        var authority = ClusterAuthority.Create(caName, CaValidity);
        // Each file ends with a newline, so that `cat old-ca.crt new-ca.crt > ca.crt` makes a valid bundle.
        WriteOwnerOnly(CaKeyPath, authority.Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
        WriteOwnerOnly(CaPath, authority.Certificate.ExportCertificatePem() + "\n");
        // A node certificate from an earlier CA would no longer chain to this one.
        File.Delete(CertificatePath);
        return authority;
    }

    private static bool EndsSoon(string certificatePath)
    {
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
        return certificate.NotAfter.ToUniversalTime() < DateTime.UtcNow + RenewBefore;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void WriteOwnerOnly(string path, string content)
    {
        var temporary = path + ".tmp";
        File.Delete(temporary);
        using (var file = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(content);
        }

        File.SetUnixFileMode(temporary, OwnerOnly); // the same, whatever the umask
        File.Move(temporary, path, overwrite: true);
    }
}
