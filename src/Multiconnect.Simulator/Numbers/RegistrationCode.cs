using System.Globalization;
using System.Security.Cryptography;

namespace Multiconnect.Simulator.Numbers;

/// <summary>A registration code sent to a number: six digits, by <c>sms</c> or <c>voice</c>, at <see cref="SentAt"/>.</summary>
public sealed record RegistrationCode(string Code, string Method, DateTimeOffset SentAt)
{
    public const int Length = 6;

    public const string Sms = "sms";

    public const string Voice = "voice";

    public static bool IsMethod(string? method) => method is Sms or Voice;

    public static bool IsWellFormed(string? code) => code is { Length: Length } && code.All(char.IsAsciiDigit);

    /// <summary>A new code from a cryptographic generator: a code is a credential, as the original's are.</summary>
    public static RegistrationCode New(string method, DateTimeOffset now) =>
        new(RandomNumberGenerator.GetInt32(1_000_000).ToString("D6", CultureInfo.InvariantCulture), method, now);
}
