using System.Security.Cryptography;

namespace Multiconnect.Cli;

/// <summary>
/// Generated once per .multiconnect/ and kept in credentials.json (mode 0600): the gateway's admin
/// login, the simulator's admin token, and the business number the cluster serves.
/// </summary>
internal sealed record Credentials(string User, string Password, string SimulatorAdminToken, string Cc, string PhoneNumber)
{
    public static Credentials Generate() => new(
        "admin",
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
        "1",
        "555" + RandomNumberGenerator.GetInt32(1_000_000, 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>How the simulator names the number: country code and phone number together.</summary>
    public string Number => Cc + PhoneNumber;
}
