using System.Globalization;

namespace Multiconnect.Upstream;

/// <summary>
/// The per-recipient sequence number a message body may start with: <c>seq=&lt;n&gt;</c>, then a
/// space or the end of the body, with n a decimal number from 0 to 2^63-1. The upstream counts a
/// recipient's message as out of order when its n is not above the highest n already delivered to
/// that recipient. Bodies without the prefix are not checked. A message of another type than text
/// travels as JSON: there the first <c>seq=&lt;n&gt;</c> anywhere in it counts (a caption, a parameter).
/// </summary>
public static class MessageSequence
{
    public const string Prefix = "seq=";

    public static string Format(long sequence, string text) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{sequence} {text}");

    public static bool TryRead(ReadOnlySpan<char> body, out long sequence)
    {
        sequence = 0;
        var at = body.StartsWith(Prefix, StringComparison.Ordinal) ? 0
            : body is ['{' or '[', ..] ? body.IndexOf(Prefix, StringComparison.Ordinal)
            : -1;
        if (at < 0)
        {
            return false;
        }

        var digits = body[(at + Prefix.Length)..];
        var end = at == 0 ? digits.IndexOf(' ') : digits.IndexOfAnyExceptInRange('0', '9');
        if (end >= 0)
        {
            digits = digits[..end];
        }

        return digits.Length is > 0 and <= 19
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }
}
