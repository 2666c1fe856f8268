using Microsoft.Extensions.Options;

namespace Multiconnect.ClusterTls;

/// <summary>
/// Checks <see cref="ClusterTlsOptions"/> before any certificate is read, and names every setting
/// that is wrong at once: which files are missing, and which settings contradict each other.
/// </summary>
public sealed class ClusterTlsOptionsValidator : IValidateOptions<ClusterTlsOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        const string section = ClusterTlsOptions.Section;
        List<string> problems = [];
        var pem = Given(options.CertificatePath) || Given(options.KeyPath);
        var pfx = Given(options.PfxPath);
        if (pem == pfx)
        {
            problems.Add($"{section}: give either CertificatePath (and KeyPath) or PfxPath, {(pem ? "not both" : "one of them")}: TLS is enabled and needs this node's certificate.");
        }

        if (Given(options.KeyPath) && !Given(options.CertificatePath))
        {
            problems.Add($"{section}:KeyPath is set but CertificatePath is not.");
        }

        if (!Given(options.CaPath))
        {
            problems.Add($"{section}:CaPath must name the cluster CA's certificate (PEM): TLS is enabled and peers are checked against it.");
        }

        foreach (var (key, path) in new[] { ("CertificatePath", options.CertificatePath), ("KeyPath", options.KeyPath), ("PfxPath", options.PfxPath), ("CaPath", options.CaPath) })
        {
            if (Given(path) && !File.Exists(path))
            {
                problems.Add($"{section}:{key}: {path} does not exist{(Directory.Exists(path) ? " as a file (it is a directory)" : "")}.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool Given(string? value) => !string.IsNullOrWhiteSpace(value);
}
