using System.Globalization;
using Multiconnect.Simulator.Authority;

namespace Multiconnect.Simulator.Commands;

/// <summary>
/// `Multiconnect.Simulator issue-cert --cc 1 --phone 6315551234 --name "Acme" [--valid-days 30 | --expires-at ISO-8601]`:
/// prints a certificate signed with the CA key the server uses (Multiconnect:Simulator:CaKeyPath), creating the key if needed.
/// </summary>
public static class IssueCertCommand
{
    private static readonly HashSet<string> Arguments = ["cc", "phone", "name", "valid-days", "expires-at"];

    public static int Run(IReadOnlyList<string> args)
    {
        var line = CommandLine.Parse(args, Arguments, out var problem);
        if (line is null)
        {
            return Usage(problem!);
        }

        var options = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build()
            .GetSection(SimulatorOptions.Section)
            .Get<SimulatorOptions>() ?? new SimulatorOptions();

        var now = DateTimeOffset.UtcNow;
        DateTimeOffset expiresAt;
        if (line["expires-at"] is { } expiry)
        {
            if (!DateTimeOffset.TryParse(expiry, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out expiresAt))
            {
                return Usage($"--expires-at '{expiry}' is not a date and time");
            }

            if (CertificateAuthority.ValidityProblem(null, expiresAt, now) is { } validity)
            {
                return Usage(validity.Replace("expires_at", "--expires-at", StringComparison.Ordinal));
            }
        }
        else if (long.TryParse(line["valid-days"] ?? "30", NumberStyles.None, CultureInfo.InvariantCulture, out var days)
            && CertificateAuthority.ValidityProblem(days, null, now) is null)
        {
            expiresAt = now.AddDays(days);
        }
        else
        {
            return Usage($"--valid-days must be a whole number of days, between 1 and {CertificateAuthority.MaxValidDays}");
        }

        var issuedAt = expiresAt <= now ? expiresAt.AddDays(-1) : now;
        problem = CertificateAuthority.Problem(line["cc"], line["phone"], line["name"], issuedAt, expiresAt);
        if (problem is not null)
        {
            return Usage(problem);
        }

        using var authority = CertificateAuthority.Open(options.CaKeyPath);
        Console.WriteLine(authority.Issue(line["cc"]!, line["phone"]!, line["name"]!, issuedAt, expiresAt));
        Console.Error.WriteLine($"Issued by CA key {authority.KeyId} ({authority.KeyPath}{(authority.Created ? ", created now" : "")}); expires {expiresAt:O}.");
        return 0;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"issue-cert: {problem}");
        Console.Error.WriteLine("usage: Multiconnect.Simulator issue-cert --cc 1 --phone 6315551234 --name \"Acme\" [--valid-days 30 | --expires-at 2030-01-01T00:00:00Z]");
        return 2;
    }
}
